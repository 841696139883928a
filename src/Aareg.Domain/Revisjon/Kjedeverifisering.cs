using System.Globalization;
using System.Security.Cryptography;

namespace Aareg.Domain.Revisjon;

/// <summary>The kinds of tampering the verification names (API §8: changed, removed or inserted records).</summary>
public enum Kjedefunntype
{
    /// <summary>The record's hash does not match its content: a field (or the hash) was changed.</summary>
    Endret,

    /// <summary>Records are missing: a gap in the sequence numbers where the next record links to a hash no record has.</summary>
    Fjernet,

    /// <summary>A record that is not part of the chain: its neighbours link to each other around it.</summary>
    Innsatt,

    /// <summary>A record stands at another sequence number than the one it was written with (reordered or renumbered).</summary>
    Flyttet,

    /// <summary>The chain is broken at the record in a way none of the other kinds explains.</summary>
    Brudd,

    /// <summary>The tail up to a signed checkpoint is missing (truncation).</summary>
    Avkortet,

    /// <summary>The record at the checkpoint's sequence number is not the one the checkpoint signed.</summary>
    AvvikerFraSjekkpunkt,

    /// <summary>The checkpoint's signature does not verify with the trusted key: the checkpoint is not used.</summary>
    UgyldigSjekkpunkt,
}

/// <summary>
/// One finding: <see cref="Fra"/>–<see cref="Til"/> are stored sequence numbers (equal for a single record);
/// <see cref="SkrevetSom"/> is the sequence number a moved record was written with, when that can be recovered.
/// </summary>
public sealed record Kjedefunn(Kjedefunntype Type, long Fra, long Til, long? SkrevetSom = null)
{
    public string Beskrivelse => Type switch
    {
        Kjedefunntype.Endret => $"Post {Omraade} er endret (hash stemmer ikke med innholdet).",
        Kjedefunntype.Fjernet => $"Post {Omraade} er fjernet (hull i sekvensen, neste post peker på en ukjent hash).",
        Kjedefunntype.Innsatt => $"Post {Omraade} er satt inn (naboene lenker forbi den).",
        Kjedefunntype.Flyttet => SkrevetSom is { } s
            ? $"Post {Omraade} er flyttet (skrevet som {Tall(s)}{(Til > Fra ? " og videre" : "")})."
            : $"Post {Omraade} er flyttet (lenker til en senere post).",
        Kjedefunntype.Brudd => $"Kjeden er brutt ved post {Omraade}.",
        Kjedefunntype.Avkortet => $"Post {Omraade} mangler i slutten av loggen (avkortet etter sjekkpunktet).",
        Kjedefunntype.AvvikerFraSjekkpunkt => $"Post {Omraade} er ikke den sjekkpunktet signerte.",
        Kjedefunntype.UgyldigSjekkpunkt => $"Sjekkpunktet for post {Omraade} har ugyldig signatur.",
        _ => Type.ToString(),
    };

    private string Omraade => Til > Fra ? $"{Tall(Fra)}–{Tall(Til)}" : Tall(Fra);

    private static string Tall(long n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Walks the audit chain in stored order (by sequence number) and names each kind of tampering precisely. Pass one
/// streams the records, checking each hash and, when it fails, which sequence number the record was written with
/// (the one after its link's record, or a neighbour's: a swap or a renumbering moves records by one); pass two reads
/// the links between the compact rows. Memory is about 100 bytes per record, not the records' content.
/// </summary>
/// <remarks>
/// What a hash chain cannot show without a signed checkpoint: records cut off the end, and records appended by someone
/// who can compute SHA-256 (the chain is not keyed). <see cref="Sjekkpunkt"/> covers the first; the second is bounded by
/// how often checkpoints are signed and kept outside the database.
/// </remarks>
public static class Kjedeverifisering
{
    public static IReadOnlyList<Kjedefunn> Verifiser(
        IEnumerable<Kjedepost> poster,
        Sjekkpunkt? sjekkpunkt = null,
        ECDsa? sjekkpunktnokkel = null)
    {
        ArgumentNullException.ThrowIfNull(poster);
        var gang = new Gjennomgang(sjekkpunkt, sjekkpunktnokkel);
        foreach (var post in poster)
        {
            gang.Legg(post);
        }

        return gang.Funn();
    }

    /// <summary>As <see cref="Verifiser"/>, reading the records as they stream from the store.</summary>
    public static async Task<IReadOnlyList<Kjedefunn>> VerifiserAsync(
        IAsyncEnumerable<Kjedepost> poster,
        Sjekkpunkt? sjekkpunkt = null,
        ECDsa? sjekkpunktnokkel = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(poster);
        var gang = new Gjennomgang(sjekkpunkt, sjekkpunktnokkel);
        await foreach (var post in poster.WithCancellation(ct))
        {
            gang.Legg(post);
        }

        return gang.Funn();
    }

    /// <summary>Pass one as records arrive; pass two and the checkpoint in <see cref="Funn"/>.</summary>
    private sealed class Gjennomgang
    {
        private readonly Sjekkpunkt? _sjekkpunkt;
        private readonly ECDsa? _nokkel;
        private readonly List<Rad> _rader = [];
        private readonly Dictionary<byte[], long> _skrevetSom = new(Hashlikhet.Instans);
        private long _maksSekvens;
        private byte[]? _hashVedSjekkpunkt;

        public Gjennomgang(Sjekkpunkt? sjekkpunkt, ECDsa? nokkel)
        {
            if (sjekkpunkt is not null && nokkel is null)
            {
                throw new ArgumentException("Et sjekkpunkt kan bare brukes med nøkkelen som verifiserer signaturen.", nameof(nokkel));
            }

            _sjekkpunkt = sjekkpunkt;
            _nokkel = nokkel;
        }

        public void Legg(Kjedepost post)
        {
            ArgumentNullException.ThrowIfNull(post);
            var rad = Les(post, _skrevetSom);
            _rader.Add(rad);
            if (rad.Skrevet is { } s)
            {
                _skrevetSom.TryAdd(post.Hash, s);
            }

            _maksSekvens = Math.Max(_maksSekvens, post.Sekvensnummer);
            if (_sjekkpunkt is not null && post.Sekvensnummer == _sjekkpunkt.Sekvensnummer)
            {
                _hashVedSjekkpunkt = post.Hash;
            }
        }

        public List<Kjedefunn> Funn()
        {
            var funn = Lenker(_rader);
            if (_sjekkpunkt is { } sp)
            {
                if (!sp.ErGyldig(_nokkel!))
                {
                    funn.Add(new Kjedefunn(Kjedefunntype.UgyldigSjekkpunkt, sp.Sekvensnummer, sp.Sekvensnummer));
                }
                else if (_hashVedSjekkpunkt is not null && !_hashVedSjekkpunkt.AsSpan().SequenceEqual(sp.Hash))
                {
                    funn.Add(new Kjedefunn(Kjedefunntype.AvvikerFraSjekkpunkt, sp.Sekvensnummer, sp.Sekvensnummer));
                }
                else if (_maksSekvens < sp.Sekvensnummer)
                {
                    funn.Add(new Kjedefunn(Kjedefunntype.Avkortet, _maksSekvens + 1, sp.Sekvensnummer));
                }
            }

            return SlaaSammen(funn);
        }
    }

    /// <summary>Hash check of one record; for a failed one, the sequence number it verifies under, if any.</summary>
    private static Rad Les(Kjedepost post, Dictionary<byte[], long> skrevetSom)
    {
        if (Revisjonskjede.Hash(post.Sekvensnummer, post.ForrigeHash, post.Felter).AsSpan().SequenceEqual(post.Hash))
        {
            return new Rad(post.Sekvensnummer, post.ForrigeHash, post.Hash, true, post.Sekvensnummer);
        }

        var kandidater = new List<long>(3);
        if (Revisjonskjede.ErStart(post.ForrigeHash))
        {
            kandidater.Add(1);
        }
        else if (skrevetSom.TryGetValue(post.ForrigeHash, out var forrige))
        {
            kandidater.Add(forrige + 1);
        }

        kandidater.Add(post.Sekvensnummer - 1);
        kandidater.Add(post.Sekvensnummer + 1);
        foreach (var kandidat in kandidater.Distinct())
        {
            if (kandidat > 0 && kandidat != post.Sekvensnummer
                && Revisjonskjede.Hash(kandidat, post.ForrigeHash, post.Felter).AsSpan().SequenceEqual(post.Hash))
            {
                return new Rad(post.Sekvensnummer, post.ForrigeHash, post.Hash, false, kandidat);
            }
        }

        return new Rad(post.Sekvensnummer, post.ForrigeHash, post.Hash, false, null);
    }

    private static List<Kjedefunn> Lenker(List<Rad> rader)
    {
        var funn = new List<Kjedefunn>();
        var lenketTil = new HashSet<byte[]>(rader.Select(r => r.ForrigeHash), Hashlikhet.Instans);
        var indeks = new Dictionary<byte[], int>(Hashlikhet.Instans);
        for (var i = 0; i < rader.Count; i++)
        {
            indeks.TryAdd(rader[i].Hash, i);
        }

        var flagget = new bool[rader.Count];
        int? sisteEkte = null;
        for (var i = 0; i < rader.Count; i++)
        {
            var r = rader[i];
            var forventet = sisteEkte is { } e ? rader[e].Hash : Revisjonskjede.Start.ToArray();

            // Inserted: nobody links to it, and the record after it links to the record before it.
            if (!lenketTil.Contains(r.Hash) && i < rader.Count - 1 && rader[i + 1].ForrigeHash.AsSpan().SequenceEqual(forventet))
            {
                funn.Add(new Kjedefunn(Kjedefunntype.Innsatt, r.Sekvensnummer, r.Sekvensnummer));
                flagget[i] = true;
                continue;
            }

            if (!r.Gyldig)
            {
                funn.Add(r.Skrevet is { } s
                    ? new Kjedefunn(Kjedefunntype.Flyttet, r.Sekvensnummer, r.Sekvensnummer, s)
                    : new Kjedefunn(Kjedefunntype.Endret, r.Sekvensnummer, r.Sekvensnummer));
                flagget[i] = true;
            }

            if (!r.ForrigeHash.AsSpan().SequenceEqual(forventet))
            {
                if (indeks.TryGetValue(r.ForrigeHash, out var j))
                {
                    if (j > i && !flagget[i])
                    {
                        // Links to a record stored after it: the two stand in the wrong order.
                        funn.Add(new Kjedefunn(Kjedefunntype.Flyttet, r.Sekvensnummer, r.Sekvensnummer));
                        flagget[i] = true;
                    }
                    else if (j < i && !flagget.AsSpan(j + 1, i - j - 1).Contains(true))
                    {
                        funn.Add(new Kjedefunn(Kjedefunntype.Brudd, r.Sekvensnummer, r.Sekvensnummer));
                        flagget[i] = true;
                    }
                }
                else if (Revisjonskjede.ErStart(r.ForrigeHash))
                {
                    funn.Add(new Kjedefunn(Kjedefunntype.Brudd, r.Sekvensnummer, r.Sekvensnummer));
                    flagget[i] = true;
                }
                else
                {
                    var forrigeSekvens = sisteEkte is { } f ? rader[f].Sekvensnummer : 0;
                    funn.Add(r.Sekvensnummer > forrigeSekvens + 1
                        ? new Kjedefunn(Kjedefunntype.Fjernet, forrigeSekvens + 1, r.Sekvensnummer - 1)
                        : new Kjedefunn(Kjedefunntype.Brudd, r.Sekvensnummer, r.Sekvensnummer));
                    flagget[i] = true;
                }
            }

            sisteEkte = i;
        }

        return funn;
    }

    /// <summary>A renumbered run (every record after an insertion, say) is one finding, not one per record.</summary>
    private static List<Kjedefunn> SlaaSammen(List<Kjedefunn> funn)
    {
        var ut = new List<Kjedefunn>(funn.Count);
        foreach (var f in funn)
        {
            if (ut.Count > 0 && ut[^1] is { Type: Kjedefunntype.Flyttet, SkrevetSom: { } s } forrige
                && f is { Type: Kjedefunntype.Flyttet, SkrevetSom: { } t }
                && f.Fra == forrige.Til + 1
                && t - f.Fra == s - forrige.Fra)
            {
                ut[^1] = forrige with { Til = f.Til };
                continue;
            }

            ut.Add(f);
        }

        return ut;
    }

    private sealed record Rad(long Sekvensnummer, byte[] ForrigeHash, byte[] Hash, bool Gyldig, long? Skrevet);

    private sealed class Hashlikhet : IEqualityComparer<byte[]>
    {
        public static readonly Hashlikhet Instans = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var h = new HashCode();
            h.AddBytes(obj);
            return h.ToHashCode();
        }
    }
}
