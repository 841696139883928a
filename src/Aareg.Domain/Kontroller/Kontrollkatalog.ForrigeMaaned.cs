using Aareg.Domain.AMelding;

namespace Aareg.Domain.Kontroller;

// Checks against the previous month (DOMAIN §4.2 rules 108, 276, 518). They run only when the intake pipeline passes
// the previous month's meldinger (KontrollKontekst.ForrigeMaaned); the arbeidsforhold are matched on
// (virksomhet, person, arbeidsforholdId) through one index built per control run.
public static partial class Kontrollkatalog
{
    private static void KontrollerManglendeArbeidsforhold(Kontrollrunde runde)
    {
        if (runde.ForrigeIndeks is not { } indeks)
        {
            return;
        }

        // The month is the union of its meldinger (DOMAIN §4.1): what another melding in force reports counts as
        // reported. The melding being replaced no longer counts, nor a stored copy of this melding itself.
        var leveranse = runde.Leveranse;
        indeks.MarkerRapportert(runde.Kontekst.SammeMaaned, leveranse.MeldingsId, leveranse.ErstatterMeldingsId);

        var foersteDag = runde.Maaned.FoersteDag;
        foreach (var tidligere in indeks.Alle)
        {
            var arbeidsforhold = tidligere.Arbeidsforhold;

            // Only ordinary and maritime relationships must be reported every month until they end; freelancers and
            // the simplified scheme are reported in the months with payments, and benefits are not arbeidsforhold.
            // An arbeidsforhold whose sluttdato falls in this month or later is still running and must be reported.
            if (tidligere.RapportertDenneMaaneden
                || !MedAnsettelsesdetaljer(Kontrollrunde.Kategoriser(arbeidsforhold.TypeArbeidsforhold))
                || (arbeidsforhold.Sluttdato is { } slutt && slutt < foersteDag))
            {
                continue;
            }

            var hvilket = arbeidsforhold.ArbeidsforholdId is { Length: > 0 } id ? id : "uten arbeidsforholdId";
            var sluttdato = arbeidsforhold.Sluttdato is { } senere ? $"med sluttdato {Tekst.Dato(senere)}" : "uten sluttdato";
            runde.RapporterMedSti(
                $"Arbeidsforhold {hvilket} for inntektsmottaker {Tekst.Person(tidligere.Person)} i virksomhet {Tekst.Identifikator(tidligere.Virksomhet)} ble rapportert for {tidligere.Maaned ?? runde.Maaned.LeggTil(-1)} {sluttdato}, men mangler for {runde.Maaned}",
                runde.StiTilMottaker(tidligere.Virksomhet, tidligere.Person),
                arbeidsforhold.ArbeidsforholdId);
        }
    }

    private static void KontrollerEndretPermisjonsbeskrivelse(Kontrollrunde runde, Arbeidsforhold arbeidsforhold)
    {
        if (runde.ForrigeMaanedsArbeidsforhold is not { } forrige)
        {
            return;
        }

        var permisjoner = arbeidsforhold.Permisjoner;
        for (var k = 0; k < permisjoner.Count; k++)
        {
            var permisjon = permisjoner[k];
            if (FinnPermisjon(forrige, permisjon.PermisjonId) is { } tidligere
                && !string.IsNullOrEmpty(permisjon.Beskrivelse)
                && !string.IsNullOrEmpty(tidligere.Beskrivelse)
                && permisjon.Beskrivelse != tidligere.Beskrivelse)
            {
                runde.Rapporter(
                    $"Beskrivelse for permisjon {permisjon.PermisjonId} er endret fra {tidligere.Beskrivelse} til {permisjon.Beskrivelse} siden forrige måned; en ny type permisjon skal ha ny permisjonId",
                    Under("permisjon", k, "beskrivelse"),
                    permisjon.Beskrivelse);
            }
        }
    }

    private static void KontrollerEndretPermisjon(Kontrollrunde runde, Arbeidsforhold arbeidsforhold)
    {
        if (runde.ForrigeMaanedsArbeidsforhold is not { } forrige)
        {
            return;
        }

        // Startdato and percentage identify a leave; a changed percentage is a new leave with a new id. A sluttdato
        // that appears or moves is the normal life of a leave and is not reported.
        var permisjoner = arbeidsforhold.Permisjoner;
        for (var k = 0; k < permisjoner.Count; k++)
        {
            var permisjon = permisjoner[k];
            if (FinnPermisjon(forrige, permisjon.PermisjonId) is not { } tidligere)
            {
                continue;
            }

            if (permisjon.Startdato is { } start && tidligere.Startdato is { } forrigeStart && start != forrigeStart)
            {
                runde.Rapporter(
                    $"Startdato for permisjon {permisjon.PermisjonId} er endret fra {Tekst.Dato(forrigeStart)} til {Tekst.Dato(start)} siden forrige måned",
                    Under("permisjon", k, "startdato"),
                    Tekst.Dato(start));
            }

            if (permisjon.Permisjonsprosent is { } prosent && tidligere.Permisjonsprosent is { } forrigeProsent && prosent != forrigeProsent)
            {
                runde.Rapporter(
                    $"Permisjonsprosent for permisjon {permisjon.PermisjonId} er endret fra {Tekst.Tall(forrigeProsent)} til {Tekst.Tall(prosent)} siden forrige måned; en endret prosent skal rapporteres som en ny permisjon",
                    Under("permisjon", k, "permisjonsprosent"),
                    Tekst.Tall(prosent));
            }
        }

        var permitteringer = arbeidsforhold.Permitteringer;
        for (var k = 0; k < permitteringer.Count; k++)
        {
            var permittering = permitteringer[k];
            if (FinnPermittering(forrige, permittering.PermitteringId) is not { } tidligere)
            {
                continue;
            }

            if (permittering.StartdatoPermittering is { } start && tidligere.StartdatoPermittering is { } forrigeStart && start != forrigeStart)
            {
                runde.Rapporter(
                    $"Startdato for permittering {permittering.PermitteringId} er endret fra {Tekst.Dato(forrigeStart)} til {Tekst.Dato(start)} siden forrige måned",
                    Under("permittering", k, "startdatoPermittering"),
                    Tekst.Dato(start));
            }

            if (permittering.Permitteringsprosent is { } prosent && tidligere.Permitteringsprosent is { } forrigeProsent && prosent != forrigeProsent)
            {
                runde.Rapporter(
                    $"Permitteringsprosent for permittering {permittering.PermitteringId} er endret fra {Tekst.Tall(forrigeProsent)} til {Tekst.Tall(prosent)} siden forrige måned; en endret prosent skal rapporteres som en ny permittering",
                    Under("permittering", k, "permitteringsprosent"),
                    Tekst.Tall(prosent));
            }
        }
    }

    private static Permisjon? FinnPermisjon(Arbeidsforhold forrige, string? permisjonId)
    {
        if (string.IsNullOrEmpty(permisjonId))
        {
            return null;
        }

        var permisjoner = forrige.Permisjoner;
        for (var k = 0; k < permisjoner.Count; k++)
        {
            if (permisjoner[k].PermisjonId == permisjonId)
            {
                return permisjoner[k];
            }
        }

        return null;
    }

    private static Permittering? FinnPermittering(Arbeidsforhold forrige, string? permitteringId)
    {
        if (string.IsNullOrEmpty(permitteringId))
        {
            return null;
        }

        var permitteringer = forrige.Permitteringer;
        for (var k = 0; k < permitteringer.Count; k++)
        {
            if (permitteringer[k].PermitteringId == permitteringId)
            {
                return permitteringer[k];
            }
        }

        return null;
    }
}
