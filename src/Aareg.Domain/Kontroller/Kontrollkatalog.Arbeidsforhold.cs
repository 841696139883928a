using System.Globalization;
using Aareg.Domain.AMelding;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Tid;

namespace Aareg.Domain.Kontroller;

// Checks of one arbeidsforhold as reported for the month (DOMAIN §4.2, §7, §8).
public static partial class Kontrollkatalog
{
    /// <summary>From 2021-01 sluttårsak and ansettelsesform are required (a-ordningen's 2021 changes).</summary>
    private static readonly Kalendermaaned Fra2021 = new(2021, 1);

    /// <summary>Avlønningstype was removed from the a-melding from 2019 (DOMAIN §8).</summary>
    private static readonly Kalendermaaned Fra2019 = new(2019, 1);

    private static readonly DateOnly Aar1900 = new(1900, 1, 1);

    private static bool MedAnsettelsesdetaljer(Arbeidsforholdkategori kategori) =>
        kategori is Arbeidsforholdkategori.Ordinaert or Arbeidsforholdkategori.Maritimt;

    private static void KontrollerStartdato(Kontrollrunde runde, Arbeidsforhold arbeidsforhold)
    {
        if (arbeidsforhold.Startdato is null && MedAnsettelsesdetaljer(runde.Kategori))
        {
            runde.Rapporter($"Startdato mangler for {Tekst.Arbeidsforhold(runde.Kategori)}", "startdato", null);
        }

        if (arbeidsforhold is { Startdato: { } start, Sluttdato: { } slutt } && slutt < start)
        {
            runde.Rapporter($"Sluttdato {Tekst.Dato(slutt)} er før startdato {Tekst.Dato(start)}", "sluttdato", Tekst.Dato(slutt));
        }
    }

    private static void KontrollerSluttaarsak(Kontrollrunde runde, Arbeidsforhold arbeidsforhold)
    {
        // Only ordinary and maritime relationships have an ansettelsesperiode with sluttårsak; payroll systems send
        // freelancers with a sluttdato and nothing more (AMELDING_V2_3 §6), which is correct.
        if (runde.Maaned >= Fra2021
            && MedAnsettelsesdetaljer(runde.Kategori)
            && arbeidsforhold.Sluttdato is { } slutt
            && string.IsNullOrEmpty(arbeidsforhold.AarsakTilSluttdato))
        {
            runde.Rapporter($"Sluttårsak (aarsakTilSluttdato) mangler for arbeidsforhold med sluttdato {Tekst.Dato(slutt)}", "aarsakTilSluttdato", null);
        }
    }

    private static void KontrollerDetaljer(Kontrollrunde runde, Arbeidsforhold arbeidsforhold)
    {
        if (!MedAnsettelsesdetaljer(runde.Kategori))
        {
            return;
        }

        var hva = Tekst.Arbeidsforhold(runde.Kategori);
        if (arbeidsforhold.AntallTimerPerUkeSomEnFullStillingTilsvarer is null)
        {
            runde.Rapporter($"Antall timer per uke som en full stilling tilsvarer mangler for {hva}", "antallTimerPerUkeSomEnFullStillingTilsvarer", null);
        }

        if (string.IsNullOrEmpty(arbeidsforhold.Yrke))
        {
            runde.Rapporter($"Yrke mangler for {hva}", "yrke", null);
        }

        if (string.IsNullOrEmpty(arbeidsforhold.Arbeidstidsordning))
        {
            runde.Rapporter($"Arbeidstidsordning mangler for {hva}", "arbeidstidsordning", null);
        }

        if (arbeidsforhold.Stillingsprosent is null)
        {
            runde.Rapporter($"Stillingsprosent mangler for {hva}", "stillingsprosent", null);
        }

        if (runde.Maaned >= Fra2021 && string.IsNullOrEmpty(arbeidsforhold.FormForAnsettelse))
        {
            runde.Rapporter($"Ansettelsesform (formForAnsettelse) mangler for {hva}", "formForAnsettelse", null);
        }
    }

    private static void KontrollerKoder(Kontrollrunde runde, Arbeidsforhold arbeidsforhold)
    {
        // pensjonOgAndreTyperYtelserUtenAnsettelsesforhold is a valid a-melding type outside the register's code list;
        // rapporteringsplikt tells the sender it is not registered.
        if (runde.Kategori != Arbeidsforholdkategori.PensjonOgYtelser)
        {
            SjekkKode(runde, Kodeverknavn.Arbeidsforholdtyper, arbeidsforhold.TypeArbeidsforhold, "typeArbeidsforhold", "Arbeidsforholdtype");
        }

        if (!string.IsNullOrEmpty(arbeidsforhold.Yrke))
        {
            if (!Tekst.ErSifre(arbeidsforhold.Yrke, 7))
            {
                runde.Rapporter($"Yrkeskode {arbeidsforhold.Yrke} må bestå av 7 sifre", "yrke", arbeidsforhold.Yrke);
            }
            else
            {
                SjekkKode(runde, Kodeverknavn.Yrker, arbeidsforhold.Yrke, "yrke", "Yrkeskode");
            }
        }

        SjekkKode(runde, Kodeverknavn.Arbeidstidsordninger, arbeidsforhold.Arbeidstidsordning, "arbeidstidsordning", "Arbeidstidsordning");
        SjekkKode(runde, Kodeverknavn.Ansettelsesformer, arbeidsforhold.FormForAnsettelse, "formForAnsettelse", "Ansettelsesform");
        SjekkKode(runde, Kodeverknavn.Sluttaarsaker, arbeidsforhold.AarsakTilSluttdato, "aarsakTilSluttdato", "Sluttårsak");

        // Stillingsprosent above 100 is left to plausibilitet (DOMAIN §4.2 names it there, as a retningslinje):
        // agreements above a full position exist, a negative percentage does not.
        if (arbeidsforhold.Stillingsprosent is { } stillingsprosent && stillingsprosent < 0)
        {
            runde.Rapporter($"Stillingsprosent {Tekst.Tall(stillingsprosent)} er under 0", "stillingsprosent", Tekst.Tall(stillingsprosent));
        }

        if (arbeidsforhold.Fartoey is { } fartoey)
        {
            SjekkKode(runde, Kodeverknavn.Skipsregistre, fartoey.Skipsregister, "fartoey/skipsregister", "Skipsregister");
            SjekkKode(runde, Kodeverknavn.Skipstyper, fartoey.Skipstype, "fartoey/skipstype", "Skipstype");
            SjekkKode(runde, Kodeverknavn.Fartsomraader, fartoey.Fartsomraade, "fartoey/fartsomraade", "Fartsområde");
        }

        var permisjoner = arbeidsforhold.Permisjoner;
        for (var k = 0; k < permisjoner.Count; k++)
        {
            var permisjon = permisjoner[k];
            if (!string.IsNullOrEmpty(permisjon.Beskrivelse)
                && !runde.ErGyldigKode(Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, permisjon.Beskrivelse))
            {
                runde.Rapporter(Kodefeil(runde, Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, permisjon.Beskrivelse, "Permisjonsbeskrivelse"), Under("permisjon", k, "beskrivelse"), permisjon.Beskrivelse);
            }

            SjekkProsent(runde, permisjon.Permisjonsprosent, "permisjon", k, "permisjonsprosent", "Permisjonsprosent");
        }

        var permitteringer = arbeidsforhold.Permitteringer;
        for (var k = 0; k < permitteringer.Count; k++)
        {
            var permittering = permitteringer[k];
            if (!string.IsNullOrEmpty(permittering.Permitteringsaarsak)
                && !runde.ErGyldigKode(Kodeverknavn.Permitteringsaarsaker, permittering.Permitteringsaarsak))
            {
                runde.Rapporter(Kodefeil(runde, Kodeverknavn.Permitteringsaarsaker, permittering.Permitteringsaarsak, "Permitteringsårsak"), Under("permittering", k, "permitteringsaarsak"), permittering.Permitteringsaarsak);
            }

            SjekkProsent(runde, permittering.Permitteringsprosent, "permittering", k, "permitteringsprosent", "Permitteringsprosent");
        }
    }

    private static void KontrollerMaritim(Kontrollrunde runde, Arbeidsforhold arbeidsforhold)
    {
        if (runde.Kategori != Arbeidsforholdkategori.Maritimt)
        {
            return;
        }

        if (arbeidsforhold.Fartoey is not { } fartoey)
        {
            runde.Rapporter("Fartøy (skipsregister, skipstype og fartsområde) mangler for maritimt arbeidsforhold", "fartoey", null);
            return;
        }

        if (string.IsNullOrEmpty(fartoey.Skipsregister))
        {
            runde.Rapporter("Skipsregister mangler for fartøy i maritimt arbeidsforhold", "fartoey/skipsregister", null);
        }

        if (string.IsNullOrEmpty(fartoey.Skipstype))
        {
            runde.Rapporter("Skipstype mangler for fartøy i maritimt arbeidsforhold", "fartoey/skipstype", null);
        }

        if (string.IsNullOrEmpty(fartoey.Fartsomraade))
        {
            runde.Rapporter("Fartsområde mangler for fartøy i maritimt arbeidsforhold", "fartoey/fartsomraade", null);
        }
    }

    private static void KontrollerPermisjoner(Kontrollrunde runde, Arbeidsforhold arbeidsforhold)
    {
        // Ids are compared pairwise: an arbeidsforhold has a handful of permisjoner at most, and this allocates nothing.
        var permisjoner = arbeidsforhold.Permisjoner;
        for (var k = 0; k < permisjoner.Count; k++)
        {
            var permisjon = permisjoner[k];
            if (string.IsNullOrEmpty(permisjon.PermisjonId))
            {
                runde.Rapporter("PermisjonId mangler for permisjon", Under("permisjon", k, "permisjonId"), null);
            }
            else if (BruktFoer(permisjoner, k, static p => p.PermisjonId))
            {
                runde.Rapporter($"PermisjonId {permisjon.PermisjonId} er brukt for mer enn én permisjon i samme arbeidsforhold", Under("permisjon", k, "permisjonId"), permisjon.PermisjonId);
            }

            if (string.IsNullOrEmpty(permisjon.Beskrivelse))
            {
                runde.Rapporter($"Beskrivelse mangler for permisjon {permisjon.PermisjonId}", Under("permisjon", k, "beskrivelse"), null);
            }

            if (permisjon is { Startdato: { } start, Sluttdato: { } slutt } && slutt < start)
            {
                runde.Rapporter($"Sluttdato {Tekst.Dato(slutt)} for permisjon {permisjon.PermisjonId} er før startdato {Tekst.Dato(start)}", Under("permisjon", k, "sluttdato"), Tekst.Dato(slutt));
            }
        }

        var permitteringer = arbeidsforhold.Permitteringer;
        for (var k = 0; k < permitteringer.Count; k++)
        {
            var permittering = permitteringer[k];
            if (string.IsNullOrEmpty(permittering.PermitteringId))
            {
                runde.Rapporter("PermitteringId mangler for permittering", Under("permittering", k, "permitteringId"), null);
            }
            else if (BruktFoer(permitteringer, k, static p => p.PermitteringId))
            {
                runde.Rapporter($"PermitteringId {permittering.PermitteringId} er brukt for mer enn én permittering i samme arbeidsforhold", Under("permittering", k, "permitteringId"), permittering.PermitteringId);
            }

            if (permittering is { StartdatoPermittering: { } start, SluttdatoPermittering: { } slutt } && slutt < start)
            {
                runde.Rapporter($"Sluttdato {Tekst.Dato(slutt)} for permittering {permittering.PermitteringId} er før startdato {Tekst.Dato(start)}", Under("permittering", k, "sluttdatoPermittering"), Tekst.Dato(slutt));
            }
        }
    }

    private static void KontrollerPlausibilitet(Kontrollrunde runde, Arbeidsforhold arbeidsforhold)
    {
        if (arbeidsforhold.Stillingsprosent is { } prosent && prosent > 100)
        {
            runde.Rapporter($"Stillingsprosent {Tekst.Tall(prosent)} er over 100", "stillingsprosent", Tekst.Tall(prosent));
        }

        if (arbeidsforhold.AntallTimerPerUkeSomEnFullStillingTilsvarer is { } timer && (timer > 100 || timer < 0))
        {
            var hvordan = timer > 100 ? "er over 100" : "er under 0";
            runde.Rapporter($"Antall timer per uke som en full stilling tilsvarer ({Tekst.Tall(timer)}) {hvordan}", "antallTimerPerUkeSomEnFullStillingTilsvarer", Tekst.Tall(timer));
        }

        if (arbeidsforhold.Startdato is { } start)
        {
            if (start < Aar1900)
            {
                runde.Rapporter($"Startdato {Tekst.Dato(start)} er før 1900", "startdato", Tekst.Dato(start));
            }
            else if (start > runde.Kontekst.Idag.AddYears(1))
            {
                runde.Rapporter($"Startdato {Tekst.Dato(start)} er mer enn ett år fram i tid", "startdato", Tekst.Dato(start));
            }
        }

        // Avlønningstype is historic: old months keep their codes, and an unknown old code is a hint, not a rejection
        // (DOMAIN §8, Avlønningstyper).
        if (!string.IsNullOrEmpty(arbeidsforhold.Avloenningstype))
        {
            if (runde.Maaned >= Fra2019)
            {
                runde.Rapporter($"Avlønningstype rapporteres ikke fra og med 2019 og blir ikke brukt ({arbeidsforhold.Avloenningstype})", "avloenningstype", arbeidsforhold.Avloenningstype);
            }
            else if (!runde.ErGyldigKode(Kodeverknavn.Avloenningstyper, arbeidsforhold.Avloenningstype))
            {
                runde.Rapporter(Kodefeil(runde, Kodeverknavn.Avloenningstyper, arbeidsforhold.Avloenningstype, "Avlønningstype"), "avloenningstype", arbeidsforhold.Avloenningstype);
            }
        }
    }

    private static void KontrollerRapporteringsplikt(Kontrollrunde runde, Arbeidsforhold arbeidsforhold)
    {
        // DOMAIN §7/§8: pensions and other benefits without employment are reported in the a-melding, but are not
        // arbeidsforhold and are not registered.
        if (runde.Kategori == Arbeidsforholdkategori.PensjonOgYtelser)
        {
            runde.Rapporter(
                "Typen pensjonOgAndreTyperYtelserUtenAnsettelsesforhold er ikke et arbeidsforhold og registreres ikke i Aa-registeret",
                "typeArbeidsforhold",
                arbeidsforhold.TypeArbeidsforhold);
            return;
        }

        // An arbeidsforhold is reported every month until it ends (DOMAIN §7); one that ended before the three months
        // the register itself waits before closing (§6, IBKAOR) should no longer be reported.
        if (arbeidsforhold.Sluttdato is { } slutt && slutt < runde.Maaned.LeggTil(-3).FoersteDag)
        {
            runde.Rapporter(
                $"Arbeidsforholdet ble avsluttet {Tekst.Dato(slutt)}, mer enn tre måneder før kalendermåneden {runde.Maaned}; avsluttede arbeidsforhold skal ikke rapporteres videre",
                "sluttdato",
                Tekst.Dato(slutt));
        }
    }

    private static void SjekkKode(Kontrollrunde runde, string kodeverk, string? kode, string felt, string navn)
    {
        if (!string.IsNullOrEmpty(kode) && !runde.ErGyldigKode(kodeverk, kode))
        {
            runde.Rapporter(Kodefeil(runde, kodeverk, kode, navn), felt, kode);
        }
    }

    /// <summary>
    /// Says whether the code is unknown or only outside its validity, so the sender of an old code sees when it
    /// stopped being valid. Runs only when reporting, so looking the code up in the whole list is fine.
    /// </summary>
    private static string Kodefeil(Kontrollrunde runde, string kodeverk, string kode, string navn)
    {
        var alle = runde.Kontekst.Kodeverk.Koder(kodeverk);
        if (alle is not null)
        {
            foreach (var kjent in alle)
            {
                if (kjent.Verdi == kode)
                {
                    var periode = kjent.GyldigTil is { } til
                        ? $"gyldig {Tekst.Dato(kjent.GyldigFra)}–{Tekst.Dato(til)}"
                        : $"gyldig fra {Tekst.Dato(kjent.GyldigFra)}";
                    return $"{navn} {kode} er ikke gyldig for {runde.Maaned} i kodeverket {kodeverk} ({periode})";
                }
            }
        }

        return $"{navn} {kode} finnes ikke i kodeverket {kodeverk}";
    }

    private static void SjekkProsent(Kontrollrunde runde, decimal? prosent, string element, int indeks, string felt, string navn)
    {
        if (prosent is { } p && (p < 0 || p > 100))
        {
            var hvordan = p > 100 ? "er over 100" : "er under 0";
            runde.Rapporter($"{navn} {Tekst.Tall(p)} {hvordan}", Under(element, indeks, felt), Tekst.Tall(p));
        }
    }

    private static bool BruktFoer<T>(IReadOnlyList<T> elementer, int indeks, Func<T, string?> id)
    {
        var denne = id(elementer[indeks]);
        for (var j = 0; j < indeks; j++)
        {
            if (id(elementer[j]) == denne)
            {
                return true;
            }
        }

        return false;
    }

    private static string Under(string element, int indeks, string felt) =>
        string.Create(CultureInfo.InvariantCulture, $"{element}[{indeks}]/{felt}");
}
