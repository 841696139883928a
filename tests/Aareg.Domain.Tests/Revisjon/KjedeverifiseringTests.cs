using System.Security.Cryptography;
using Aareg.Domain.Revisjon;

namespace Aareg.Domain.Tests.Revisjon;

public sealed class KjedeverifiseringTests
{
    private static List<Kjedepost> Kjede(int antall)
    {
        var poster = new List<Kjedepost>();
        var forrige = Revisjonskjede.Start.ToArray();
        for (var i = 1; i <= antall; i++)
        {
            var post = Revisjonskjede.Neste(i - 1, forrige, [$"2025-01-0{(i % 9) + 1}T10:00:00Z", "910000009", i % 2 == 0 ? null : "formaal", $"{i}"]);
            poster.Add(post);
            forrige = post.Hash;
        }

        return poster;
    }

    private static Kjedefunn Ett(IReadOnlyList<Kjedefunn> funn) => Assert.Single(funn);

    [Fact]
    public void A_clean_chain_verifies_without_findings()
    {
        Assert.Empty(Kjedeverifisering.Verifiser(Kjede(20)));
        Assert.Empty(Kjedeverifisering.Verifiser([]));
    }

    [Fact]
    public void A_changed_field_is_reported_as_changed_at_that_record()
    {
        var kjede = Kjede(10);
        kjede[4] = kjede[4] with { Felter = ["2025-01-06T10:00:00Z", "910000009", null, "999"] };

        Assert.Equal(new Kjedefunn(Kjedefunntype.Endret, 5, 5), Ett(Kjedeverifisering.Verifiser(kjede)));
    }

    [Fact]
    public void A_null_field_and_an_empty_field_hash_differently()
    {
        var felter = new List<string?> { "a", null };
        Assert.NotEqual(Revisjonskjede.Hash(1, Revisjonskjede.Start, felter), Revisjonskjede.Hash(1, Revisjonskjede.Start, ["a", ""]));

        // Length prefixes: moving a character between fields changes the hash.
        Assert.NotEqual(Revisjonskjede.Hash(1, Revisjonskjede.Start, ["ab", "c"]), Revisjonskjede.Hash(1, Revisjonskjede.Start, ["a", "bc"]));
    }

    [Fact]
    public void A_removed_record_is_reported_with_the_missing_sequence_numbers()
    {
        var kjede = Kjede(10);
        kjede.RemoveRange(3, 2);

        Assert.Equal(new Kjedefunn(Kjedefunntype.Fjernet, 4, 5), Ett(Kjedeverifisering.Verifiser(kjede)));
    }

    [Fact]
    public void Removing_the_first_record_is_reported()
    {
        var kjede = Kjede(5);
        kjede.RemoveAt(0);

        Assert.Equal(new Kjedefunn(Kjedefunntype.Fjernet, 1, 1), Ett(Kjedeverifisering.Verifiser(kjede)));
    }

    [Fact]
    public void An_inserted_record_with_renumbered_successors_is_reported_as_inserted_and_the_rest_as_moved()
    {
        // The attacker knows the algorithm: the inserted record has a correct hash and links to its predecessor, and
        // every later record is renumbered to make room.
        var kjede = Kjede(8);
        var innsatt = Revisjonskjede.Neste(3, kjede[2].Hash, ["2025-01-01T00:00:00Z", "974760673", "falsk", "x"]);
        var etter = kjede.Skip(3).Select(p => p with { Sekvensnummer = p.Sekvensnummer + 1 }).ToList();
        List<Kjedepost> tuklet = [.. kjede.Take(3), innsatt, .. etter];

        Assert.Equal(
            [new Kjedefunn(Kjedefunntype.Innsatt, 4, 4), new Kjedefunn(Kjedefunntype.Flyttet, 5, 9, 4)],
            Kjedeverifisering.Verifiser(tuklet));
    }

    [Fact]
    public void An_inserted_record_with_a_made_up_hash_is_reported_as_inserted()
    {
        var kjede = Kjede(6);
        var falsk = new Kjedepost(3, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), ["x"]);
        var etter = kjede.Skip(2).Select(p => p with { Sekvensnummer = p.Sekvensnummer + 1 }).ToList();

        var funn = Kjedeverifisering.Verifiser([.. kjede.Take(2), falsk, .. etter]);

        Assert.Equal(new Kjedefunn(Kjedefunntype.Innsatt, 3, 3), funn[0]);
        Assert.Equal(new Kjedefunn(Kjedefunntype.Flyttet, 4, 7, 3), funn[1]);
    }

    [Fact]
    public void Two_swapped_records_are_both_reported_as_moved_with_their_original_numbers()
    {
        var kjede = Kjede(8);
        (kjede[3], kjede[4]) = (kjede[4] with { Sekvensnummer = 4 }, kjede[3] with { Sekvensnummer = 5 });

        Assert.Equal(
            [new Kjedefunn(Kjedefunntype.Flyttet, 4, 4, 5), new Kjedefunn(Kjedefunntype.Flyttet, 5, 5, 4)],
            Kjedeverifisering.Verifiser(kjede));
    }

    [Fact]
    public void A_record_whose_hash_was_recomputed_after_a_change_breaks_the_link_to_the_next()
    {
        var kjede = Kjede(6);
        var felter = new List<string?> { "endret" };
        kjede[2] = kjede[2] with { Felter = felter, Hash = Revisjonskjede.Hash(3, kjede[2].ForrigeHash, felter) };

        Assert.Equal(new Kjedefunn(Kjedefunntype.Brudd, 4, 4), Ett(Kjedeverifisering.Verifiser(kjede)));
    }

    [Fact]
    public void A_signed_checkpoint_detects_a_truncated_tail()
    {
        using var nokkel = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kjede = Kjede(10);
        var sjekkpunkt = Sjekkpunkt.Signer(10, kjede[9].Hash, DateTimeOffset.UtcNow, nokkel);

        Assert.Empty(Kjedeverifisering.Verifiser(kjede, sjekkpunkt, nokkel));
        Assert.Empty(Kjedeverifisering.Verifiser(kjede.Take(7), null));
        Assert.Equal(new Kjedefunn(Kjedefunntype.Avkortet, 8, 10), Ett(Kjedeverifisering.Verifiser(kjede.Take(7), sjekkpunkt, nokkel)));
        Assert.Equal(new Kjedefunn(Kjedefunntype.Avkortet, 1, 10), Ett(Kjedeverifisering.Verifiser([], sjekkpunkt, nokkel)));
    }

    [Fact]
    public void A_chain_rewritten_from_scratch_does_not_match_the_checkpoint()
    {
        using var nokkel = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kjede = Kjede(5);
        var sjekkpunkt = Sjekkpunkt.Signer(5, kjede[4].Hash, DateTimeOffset.UtcNow, nokkel);
        var omskrevet = new List<Kjedepost>();
        var forrige = Revisjonskjede.Start.ToArray();
        for (var i = 1; i <= 5; i++)
        {
            omskrevet.Add(Revisjonskjede.Neste(i - 1, forrige, ["annen historie", $"{i}"]));
            forrige = omskrevet[^1].Hash;
        }

        Assert.Equal(new Kjedefunn(Kjedefunntype.AvvikerFraSjekkpunkt, 5, 5), Ett(Kjedeverifisering.Verifiser(omskrevet, sjekkpunkt, nokkel)));
    }

    [Fact]
    public void A_forged_checkpoint_signature_is_refused()
    {
        using var ekte = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var falsk = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kjede = Kjede(4);
        var sjekkpunkt = Sjekkpunkt.Signer(9, RandomNumberGenerator.GetBytes(32), DateTimeOffset.UtcNow, falsk);

        Assert.False(sjekkpunkt.ErGyldig(ekte));
        Assert.Equal(new Kjedefunn(Kjedefunntype.UgyldigSjekkpunkt, 9, 9), Ett(Kjedeverifisering.Verifiser(kjede, sjekkpunkt, ekte)));

        // Changing a signed field after signing also invalidates it.
        var ekteSjekkpunkt = Sjekkpunkt.Signer(4, kjede[3].Hash, DateTimeOffset.UtcNow, ekte);
        Assert.True(ekteSjekkpunkt.ErGyldig(ekte));
        Assert.False((ekteSjekkpunkt with { Sekvensnummer = 3 }).ErGyldig(ekte));
        Assert.False((ekteSjekkpunkt with { Tidspunkt = ekteSjekkpunkt.Tidspunkt.AddSeconds(1) }).ErGyldig(ekte));
    }

    [Fact]
    public void A_checkpoint_is_not_used_without_a_trusted_key()
    {
        using var nokkel = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var sjekkpunkt = Sjekkpunkt.Signer(1, new byte[32], DateTimeOffset.UtcNow, nokkel);

        Assert.Throws<ArgumentException>(() => Kjedeverifisering.Verifiser([], sjekkpunkt));
    }
}
