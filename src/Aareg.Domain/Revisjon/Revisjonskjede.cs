using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Aareg.Domain.Revisjon;

/// <summary>
/// One stored link of the audit chain (API §8): its sequence number, the hash of the record before it, its own hash,
/// and its fields in their fixed canonical order (null where a field is empty). The chain math knows nothing of what
/// the fields mean: the store decides the order once and never changes it.
/// </summary>
public sealed record Kjedepost(long Sekvensnummer, byte[] ForrigeHash, byte[] Hash, IReadOnlyList<string?> Felter);

/// <summary>
/// The hash chain of the audit log (API §8: "each holds the hash of the previous"): SHA-256 over a canonical,
/// length-prefixed encoding of the sequence number, the previous hash and the fields. Length prefixes (and an explicit
/// marker for null) make the encoding injective, so moving bytes from one field to the next changes the hash.
/// </summary>
public static class Revisjonskjede
{
    public const int HashLengde = 32;

    /// <summary>Names the encoding; a new encoding gets a new tag so old and new chains never verify as each other.</summary>
    private static readonly byte[] Merke = Encoding.ASCII.GetBytes("aareg-revisjon-v1");

    /// <summary>The "previous hash" of the first record: 32 zero bytes.</summary>
    public static ReadOnlySpan<byte> Start => new byte[HashLengde];

    public static byte[] Hash(long sekvensnummer, ReadOnlySpan<byte> forrigeHash, IReadOnlyList<string?> felter) =>
        SHA256.HashData(Kanonisk(sekvensnummer, forrigeHash, felter));

    public static bool ErStart(ReadOnlySpan<byte> hash) => hash.SequenceEqual(Start);

    /// <summary>
    /// <c>tag ‖ u64 sekvensnummer ‖ u32 len ‖ forrige hash ‖ u32 antall felt ‖ per felt: 0x00 (null) or 0x01 ‖ u32 len ‖ UTF-8</c>,
    /// all integers big-endian.
    /// </summary>
    public static byte[] Kanonisk(long sekvensnummer, ReadOnlySpan<byte> forrigeHash, IReadOnlyList<string?> felter)
    {
        ArgumentNullException.ThrowIfNull(felter);
        using var ut = new MemoryStream();
        Skriv(ut, Merke);
        Span<byte> tall = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(tall, sekvensnummer);
        ut.Write(tall);
        Skriv(ut, forrigeHash);
        BinaryPrimitives.WriteInt32BigEndian(tall, felter.Count);
        ut.Write(tall[..4]);
        foreach (var felt in felter)
        {
            if (felt is null)
            {
                ut.WriteByte(0);
                continue;
            }

            ut.WriteByte(1);
            Skriv(ut, Encoding.UTF8.GetBytes(felt));
        }

        return ut.ToArray();
    }

    /// <summary>Builds the next link after (<paramref name="forrigeSekvensnummer"/>, <paramref name="forrigeHash"/>).</summary>
    public static Kjedepost Neste(long forrigeSekvensnummer, ReadOnlySpan<byte> forrigeHash, IReadOnlyList<string?> felter)
    {
        var sekvensnummer = forrigeSekvensnummer + 1;
        return new Kjedepost(sekvensnummer, forrigeHash.ToArray(), Hash(sekvensnummer, forrigeHash, felter), felter);
    }

    private static void Skriv(Stream ut, ReadOnlySpan<byte> data)
    {
        Span<byte> lengde = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(lengde, data.Length);
        ut.Write(lengde);
        ut.Write(data);
    }
}
