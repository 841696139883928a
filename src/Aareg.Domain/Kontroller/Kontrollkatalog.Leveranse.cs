using Aareg.Domain.AMelding;
using Aareg.Domain.Identer;
using Aareg.Domain.Tid;

namespace Aareg.Domain.Kontroller;

// Checks of the leveranse, its virksomheter and inntektsmottakere (DOMAIN §2, §4.1, §4.2).
public static partial class Kontrollkatalog
{
    private const string OpplysningspliktigFelt = "opplysningspliktig/norskIdentifikator";

    private static void KontrollerOpplysningspliktig(Kontrollrunde runde)
    {
        var id = runde.Leveranse.Opplysningspliktig;
        if (string.IsNullOrEmpty(id))
        {
            runde.Rapporter("Opplysningspliktig mangler norskIdentifikator", OpplysningspliktigFelt, null);
            return;
        }

        if (runde.OpplysningspliktigOrgnr is null)
        {
            // Eleven characters: a private employer's fnr/dnr (DOMAIN §2), never shown in full.
            if (id.Length == 11)
            {
                var feil = Personident.Valider(id, runde.Kontekst.TillatSyntetiske, out _);
                if (feil != IdentFeil.Gyldig)
                {
                    runde.Rapporter($"Fødselsnummer/D-nummer for opplysningspliktig {Tekst.Identfeil(feil)}", OpplysningspliktigFelt, Avvik.Maskert(id));
                }

                return;
            }

            var melding = Tekst.ErSifre(id, 9)
                ? $"Organisasjonsnummer {id} for opplysningspliktig har feil kontrollsiffer"
                : $"Opplysningspliktig {id} er verken et organisasjonsnummer (9 sifre) eller et fødselsnummer/D-nummer (11 sifre)";
            runde.Rapporter(melding, OpplysningspliktigFelt, id);
            return;
        }

        if (runde.Enhetsregister is { } register)
        {
            var enhet = register.Finn(id);
            if (enhet is null)
            {
                runde.Rapporter($"Opplysningspliktig {id} finnes ikke i Enhetsregisteret", OpplysningspliktigFelt, id);
            }
            else if (!enhet.ErHovedenhet)
            {
                runde.Rapporter($"Opplysningspliktig {id} er en underenhet i Enhetsregisteret, ikke en hovedenhet (juridisk enhet)", OpplysningspliktigFelt, id);
            }
        }
    }

    private static void KontrollerFremtidigMaaned(Kontrollrunde runde)
    {
        if (runde.Leveranse.Kalendermaaned is not { } maaned)
        {
            return;
        }

        var denneMaaneden = Kalendermaaned.Fra(runde.Kontekst.Idag);
        if (maaned > denneMaaneden.LeggTil(2))
        {
            runde.Rapporter($"Kalendermåned {maaned} er mer enn to måneder etter inneværende måned {denneMaaneden}", "kalendermaaned", maaned.ToString());
        }
    }

    private static void KontrollerErstatning(Kontrollrunde runde)
    {
        var id = runde.Leveranse.ErstatterMeldingsId;
        var melding = runde.Kontekst.Erstatning switch
        {
            Erstatningsutfall.UkjentMelding =>
                $"Meldingen skal erstatte meldingsId {id}, men ingen melding med denne meldingsId-en er mottatt fra opplysningspliktig",
            Erstatningsutfall.AnnenOpplysningspliktigEllerMaaned =>
                $"Meldingen med meldingsId {id} gjelder en annen opplysningspliktig eller kalendermåned og kan ikke erstattes av denne meldingen",
            Erstatningsutfall.AlleredeErstattet =>
                $"Meldingen med meldingsId {id} er allerede erstattet; en melding kan bare erstattes én gang, så erstatt den gjeldende meldingen i stedet",
            _ => null,
        };
        if (melding is not null)
        {
            runde.Rapporter(melding, "erstatterMeldingsId", id);
        }
    }

    private static void KontrollerVirksomhetsnummer(Kontrollrunde runde, Virksomhet virksomhet)
    {
        var id = virksomhet.NorskIdentifikator;
        if (string.IsNullOrEmpty(id))
        {
            runde.Rapporter("Virksomhet mangler organisasjonsnummer", "norskIdentifikator", null);
            return;
        }

        if (Organisasjonsnummer.TryParse(id, out _))
        {
            return;
        }

        // A private employer's arbeidssted is the person itself (DOMAIN §2): its own valid ident is accepted.
        if (id == runde.Leveranse.Opplysningspliktig && Personident.TryParse(id, runde.Kontekst.TillatSyntetiske, out _))
        {
            return;
        }

        var melding = Tekst.ErSifre(id, 9)
            ? $"Organisasjonsnummer {id} for virksomhet har feil kontrollsiffer"
            : $"Virksomhet {Tekst.Identifikator(id)} har ikke et gyldig organisasjonsnummer (9 sifre)";
        runde.Rapporter(melding, "norskIdentifikator", Tekst.Identifikator(id));
    }

    private static void KontrollerUnderenhet(Kontrollrunde runde, Virksomhet virksomhet)
    {
        // Only for an organisation as opplysningspliktig; a private employer has no underenheter.
        if (runde.Enhetsregister is not { } register
            || runde.OpplysningspliktigOrgnr is not { } opplysningspliktig
            || !Organisasjonsnummer.TryParse(virksomhet.NorskIdentifikator, out var orgnr))
        {
            return;
        }

        var enhet = register.Finn(orgnr.Verdi);
        var melding = enhet switch
        {
            null => $"Virksomhet {orgnr} finnes ikke i Enhetsregisteret",
            { ErHovedenhet: true } => $"Virksomhet {orgnr} er en hovedenhet i Enhetsregisteret, ikke en underenhet",
            _ when enhet.OverordnetEnhet != opplysningspliktig =>
                $"Virksomhet {orgnr} er ikke en underenhet av opplysningspliktig {opplysningspliktig} i Enhetsregisteret (overordnet enhet er {enhet.OverordnetEnhet ?? "ikke oppgitt"})",
            _ => null,
        };
        if (melding is not null)
        {
            runde.Rapporter(melding, "norskIdentifikator", orgnr.Verdi);
        }
    }

    private static void KontrollerIdentitet(Kontrollrunde runde, Inntektsmottaker mottaker)
    {
        var ident = mottaker.NorskIdentifikator;
        if (!string.IsNullOrEmpty(ident))
        {
            var feil = Personident.Valider(ident, runde.Kontekst.TillatSyntetiske, out _);
            if (feil != IdentFeil.Gyldig)
            {
                runde.Rapporter($"Fødselsnummer/D-nummer {Tekst.Identfeil(feil)}", "norskIdentifikator", Avvik.Maskert(ident));
            }

            return;
        }

        // Without a Norwegian ident the person is identified by name and birth date (identifiserendeInformasjon);
        // an internasjonalIdentifikator alone is not enough to tell who it is.
        if (mottaker.IdentifiserendeInformasjon is not { } info)
        {
            runde.Rapporter("Inntektsmottaker mangler både norskIdentifikator og identifiserende informasjon (navn og fødselsdato)", null, null);
            return;
        }

        if (string.IsNullOrWhiteSpace(info.Navn))
        {
            runde.Rapporter("Navn mangler i identifiserende informasjon for inntektsmottaker uten norskIdentifikator", "identifiserendeInformasjon/navn", null);
        }

        if (info.Foedselsdato is null)
        {
            runde.Rapporter("Fødselsdato mangler i identifiserende informasjon for inntektsmottaker uten norskIdentifikator", "identifiserendeInformasjon/foedselsdato", null);
        }
    }

    private static void KontrollerSelvstendig(Kontrollrunde runde, Inntektsmottaker mottaker)
    {
        // DOMAIN §7: the self-employed are not in the register. A private employer reporting an arbeidsforhold with
        // itself is a self-employed person, not an employee.
        if (mottaker.Arbeidsforhold.Count > 0
            && runde.OpplysningspliktigOrgnr is null
            && !string.IsNullOrEmpty(mottaker.NorskIdentifikator)
            && mottaker.NorskIdentifikator == runde.Leveranse.Opplysningspliktig)
        {
            runde.Rapporter(
                "Inntektsmottaker er den opplysningspliktige selv; selvstendig næringsdrivende er ikke arbeidstakere og registreres ikke i Aa-registeret",
                "norskIdentifikator",
                Avvik.Maskert(mottaker.NorskIdentifikator));
        }
    }
}
