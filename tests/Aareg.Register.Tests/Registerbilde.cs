using System.Text;
using System.Text.Json.Nodes;
using Aareg.Storage.Register;

namespace Aareg.Register.Tests;

/// <summary>
/// The whole register as text without what may differ between two runs over the same meldinger (DOMAIN §6:
/// "identical apart from timestamps"): the register's ids and every instant are left out; keys, contents, version
/// numbers, sporing sources and references, and the events stay.
/// </summary>
internal static class Registerbilde
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly HashSet<string> Utelatt = new(StringComparer.Ordinal)
    {
        "navArbeidsforholdId", "navUuid", "opprettet", "sistBekreftet", "sistEndret", "opprettetTidspunkt", "endretTidspunkt",
    };

    public static async Task<string> LagAsync(Registermiljoe m)
    {
        var versjoner = new List<string>();
        foreach (var id in await m.ListeAsync<long>("SELECT DISTINCT nav_arbeidsforhold_id FROM arbeidsforhold_versjon"))
        {
            foreach (var v in await m.Register.HentVersjonerAsync(id, ct: Ct))
            {
                versjoner.Add($"{(v.Bruksperiode.Tom is null ? "gjeldende" : "historisk")} {Normaliser(v.Arbeidsforhold)}");
            }
        }

        versjoner.Sort(StringComparer.Ordinal);
        // Per arbeidsforhold in sekvensnummer order; how different opplysningspliktige interleave depends on when
        // meldinger were applied (they are independent, DOMAIN §6) and is not part of the function.
        var hendelser = (await m.Register.HentHendelserAsync(0, 10_000_000, ct: Ct))
            .Select(h => (
                Noekkel: $"{h.Noekkel.Opplysningspliktig}/{h.Noekkel.Arbeidssted}/{h.Noekkel.Arbeidstaker}/{h.Noekkel.ArbeidsforholdId}",
                Tekst: $"{h.Endringstype} [{string.Join(',', h.Entitetsendringer)}] v{h.NavVersjon} {h.Type}"))
            .OrderBy(h => h.Noekkel, StringComparer.Ordinal)
            .Select(h => $"{h.Noekkel} {h.Tekst}")
            .ToList();

        var tekst = new StringBuilder();
        tekst.AppendJoin('\n', versjoner).Append("\n--\n").AppendJoin('\n', hendelser);
        return tekst.ToString();
    }

    private static string Normaliser(Domain.Register.RegisterArbeidsforhold af)
    {
        var node = JsonNode.Parse(RegisterJson.Serialiser(af))!;
        Fjern(node);
        return node.ToJsonString();
    }

    private static void Fjern(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject objekt:
                foreach (var navn in objekt.Select(p => p.Key).Where(Utelatt.Contains).ToList())
                {
                    objekt.Remove(navn);
                }

                foreach (var (_, verdi) in objekt)
                {
                    Fjern(verdi);
                }

                break;
            case JsonArray liste:
                foreach (var element in liste)
                {
                    Fjern(element);
                }

                break;
        }
    }
}
