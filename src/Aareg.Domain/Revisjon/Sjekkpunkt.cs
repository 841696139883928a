using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aareg.Domain.Revisjon;

/// <summary>
/// A signed checkpoint of the chain head (API §8 "periodic signed checkpoints of the chain head can be exported"):
/// the sequence number and hash of the last record at <see cref="Tidspunkt"/>, signed with ECDSA P-256 / SHA-256
/// (IEEE P1363 signature, 64 bytes). Kept outside the database, it shows a truncated tail: the chain alone cannot.
/// </summary>
public sealed record Sjekkpunkt(long Sekvensnummer, byte[] Hash, DateTimeOffset Tidspunkt, byte[] Signatur)
{
    private static readonly byte[] Merke = Encoding.ASCII.GetBytes("aareg-revisjon-sjekkpunkt-v1");

    /// <summary>The time as signed: UTC, 100 ns precision, so it round-trips through the checkpoint file unchanged.</summary>
    public static string Tidstekst(DateTimeOffset tidspunkt) =>
        tidspunkt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static Sjekkpunkt Signer(long sekvensnummer, byte[] hash, DateTimeOffset tidspunkt, ECDsa nokkel)
    {
        ArgumentNullException.ThrowIfNull(hash);
        KrevP256(nokkel);
        var signatur = nokkel.SignData(Kanonisk(sekvensnummer, hash, tidspunkt), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new Sjekkpunkt(sekvensnummer, hash, tidspunkt, signatur);
    }

    /// <summary>True when <paramref name="offentligNokkel"/> (the trusted key, never one shipped with the checkpoint) verifies the signature.</summary>
    public bool ErGyldig(ECDsa offentligNokkel)
    {
        KrevP256(offentligNokkel);
        return Hash is { Length: Revisjonskjede.HashLengde }
            && Signatur is not null
            && offentligNokkel.VerifyData(Kanonisk(Sekvensnummer, Hash, Tidspunkt), Signatur, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary><c>tag ‖ u64 sekvensnummer ‖ u32 len ‖ hash ‖ u32 len ‖ UTF-8 time</c>, big-endian.</summary>
    public static byte[] Kanonisk(long sekvensnummer, byte[] hash, DateTimeOffset tidspunkt)
    {
        ArgumentNullException.ThrowIfNull(hash);
        using var ut = new MemoryStream();
        Skriv(ut, Merke);
        Span<byte> tall = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(tall, sekvensnummer);
        ut.Write(tall);
        Skriv(ut, hash);
        Skriv(ut, Encoding.UTF8.GetBytes(Tidstekst(tidspunkt)));
        return ut.ToArray();
    }

    private static void KrevP256(ECDsa nokkel)
    {
        ArgumentNullException.ThrowIfNull(nokkel);
        if (nokkel.KeySize != 256)
        {
            throw new ArgumentException("Sjekkpunkter signeres med ECDSA P-256.", nameof(nokkel));
        }
    }

    private static void Skriv(Stream ut, ReadOnlySpan<byte> data)
    {
        Span<byte> lengde = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(lengde, data.Length);
        ut.Write(lengde);
        ut.Write(data);
    }
}
