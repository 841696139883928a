using System.Text;
using System.Xml;
using Aareg.Domain.AMelding;

namespace Aareg.Mottak.Lesing;

/// <summary>
/// Writes a <see cref="Leveranse"/> as an a-melding XML document the way payroll systems do (AMELDING_V2_3.md §10.3):
/// default <c>xmlns</c> on <c>melding</c>, no prefixes, XSD element order, compact. Null values are left out, so an
/// incomplete model gives an incomplete melding (useful for exercising the controls); elements the XSD requires but
/// the model does not hold are written with plausible values.
/// </summary>
public static class AMeldingXmlSkriver
{
    private static readonly XmlWriterSettings Innstillinger = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        CloseOutput = false,
        CheckCharacters = true,
    };

    public static void Skriv(Leveranse leveranse, Stream utdata, string navnerom = AMeldingLeser.NavneromV2_3)
    {
        ArgumentNullException.ThrowIfNull(leveranse);
        ArgumentNullException.ThrowIfNull(utdata);
        if (navnerom is not (AMeldingLeser.NavneromV2_3 or AMeldingLeser.NavneromV2_2))
        {
            throw new ArgumentException("Ukjent navnerom for a-meldingen.", nameof(navnerom));
        }

        using var w = XmlWriter.Create(utdata, Innstillinger);
        var s = new Skriver(w, navnerom);
        w.WriteStartDocument();
        w.WriteStartElement("melding", navnerom);
        s.Leveranse(leveranse);
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    /// <summary>Convenience for tests and the generator: the melding as UTF-8 bytes.</summary>
    public static byte[] TilBytes(Leveranse leveranse, string navnerom = AMeldingLeser.NavneromV2_3)
    {
        using var ms = new MemoryStream();
        Skriv(leveranse, ms, navnerom);
        return ms.ToArray();
    }

    private sealed class Skriver(XmlWriter w, string ns)
    {
        // The separate permittering element only exists in v2_3 (DOMAIN §4).
        private readonly bool harPermittering = ns == AMeldingLeser.NavneromV2_3;

        public void Leveranse(Leveranse l)
        {
            Start("Leveranse");
            if (l.Leveringstidspunkt is { } tid)
            {
                Felt("leveringstidspunkt", Verdiformat.Tidspunkt(tid));
            }

            Felt("kalendermaaned", l.Kalendermaaned?.ToString());
            Felt("kildesystem", l.Kildesystem);
            Felt("erstatterMeldingsId", l.ErstatterMeldingsId);
            Felt("meldingsId", l.MeldingsId);
            if (l.Opplysningspliktig is not null)
            {
                Start("opplysningspliktig");
                Felt("norskIdentifikator", l.Opplysningspliktig);
                w.WriteEndElement();
            }

            Start("oppgave");
            foreach (var v in l.Virksomheter)
            {
                Virksomhet(v);
            }

            foreach (var p in l.Pensjonsinnretninger)
            {
                Start("pensjonsinnretning");
                Felt("identifikator", p);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            Felt("spraakForTilbakemelding", l.SpraakForTilbakemelding);
            w.WriteEndElement();
        }

        private void Virksomhet(Virksomhet v)
        {
            Start("virksomhet");
            Felt("norskIdentifikator", v.NorskIdentifikator);
            foreach (var m in v.Inntektsmottakere)
            {
                Inntektsmottaker(m);
            }

            w.WriteEndElement();
        }

        private void Inntektsmottaker(Inntektsmottaker m)
        {
            Start("inntektsmottaker");
            Felt("norskIdentifikator", m.NorskIdentifikator);
            foreach (var i in m.InternasjonaleIdentifikatorer)
            {
                Start("internasjonalIdentifikator");
                Felt("identifikator", i.Identifikator);
                Felt("identifikatortype", i.Identifikatortype);
                Felt("land", i.Land);
                w.WriteEndElement();
            }

            if (m.IdentifiserendeInformasjon is { } info)
            {
                Start("identifiserendeInformasjon");
                Felt("navn", info.Navn);
                Felt("foedselsdato", info.Foedselsdato);
                Felt("ansattnummer", info.Ansattnummer);
                w.WriteEndElement();
            }

            foreach (var a in m.Arbeidsforhold)
            {
                Arbeidsforhold(a);
            }

            foreach (var i in m.Inntekter)
            {
                Inntekt(i);
            }

            w.WriteEndElement();
        }

        private void Arbeidsforhold(Arbeidsforhold a)
        {
            Start("arbeidsforhold");
            Felt("arbeidsforholdId", a.ArbeidsforholdId);
            Felt("typeArbeidsforhold", a.TypeArbeidsforhold);
            Felt("startdato", a.Startdato);
            Felt("sluttdato", a.Sluttdato);
            Felt("antallTimerPerUkeSomEnFullStillingTilsvarer", a.AntallTimerPerUkeSomEnFullStillingTilsvarer);
            Felt("avloenningstype", a.Avloenningstype);
            Felt("yrke", a.Yrke);
            Felt("arbeidstidsordning", a.Arbeidstidsordning);
            Felt("stillingsprosent", a.Stillingsprosent);
            Felt("sisteLoennsendringsdato", a.SisteLoennsendringsdato);
            if (a.Fartoey is { } f)
            {
                Start("fartoey");
                Felt("skipsregister", f.Skipsregister);
                Felt("skipstype", f.Skipstype);
                Felt("fartsomraade", f.Fartsomraade);
                w.WriteEndElement();
            }

            foreach (var p in a.Permisjoner)
            {
                Start("permisjon");
                Felt("startdato", p.Startdato);
                Felt("sluttdato", p.Sluttdato);
                Felt("permisjonsprosent", p.Permisjonsprosent);
                Felt("permisjonId", p.PermisjonId);
                Felt("beskrivelse", p.Beskrivelse);
                if (p.Loennet is { } loennet)
                {
                    Felt("loennet", Verdiformat.Boolsk(loennet));
                }

                w.WriteEndElement();
            }

            Felt("sisteDatoForStillingsprosentendring", a.SisteDatoForStillingsprosentendring);
            Felt("aarsakTilSluttdato", a.AarsakTilSluttdato);
            Felt("formForAnsettelse", a.FormForAnsettelse);
            if (harPermittering)
            {
                foreach (var p in a.Permitteringer)
                {
                    Start("permittering");
                    Felt("permitteringId", p.PermitteringId);
                    Felt("varslingsdato", p.Varslingsdato);
                    Felt("startdatoPermittering", p.StartdatoPermittering);
                    Felt("sluttdatoPermittering", p.SluttdatoPermittering);
                    Felt("sluttdatoLoennsplikt", p.SluttdatoLoennsplikt);
                    Felt("permitteringsprosent", p.Permitteringsprosent);
                    Felt("permitteringsaarsak", p.Permitteringsaarsak);
                    w.WriteEndElement();
                }
            }

            w.WriteEndElement();
        }

        private void Inntekt(Inntekt i)
        {
            Start("inntekt");
            Felt("startdatoOpptjeningsperiode", i.StartdatoOpptjeningsperiode);
            Felt("sluttdatoOpptjeningsperiode", i.SluttdatoOpptjeningsperiode);
            Felt("fordel", i.Fordel);

            // Required by the XSD but not held by the model: ordinary pay triggers employer's tax and withholding.
            Felt("utloeserArbeidsgiveravgift", "true");
            Felt("inngaarIGrunnlagForTrekk", "true");
            if (i.Beloep is { } beloep)
            {
                Felt("beloep", Verdiformat.Beloep(beloep));
            }

            Felt("arbeidsforholdId", i.ArbeidsforholdId);
            if (i.Art is { } art)
            {
                Start(AMeldingNavn.Inntektsart(art));
                Felt("beskrivelse", i.Beskrivelse);
                if (art == Inntektsart.Loennsinntekt)
                {
                    // loennsinntekt order: beskrivelse, tilleggsinformasjon, spesifikasjon, antall (AMELDING_V2_3.md §8).
                    if (i.Opptjeningsland is not null)
                    {
                        Start("spesifikasjon");
                        Felt("opptjeningsland", i.Opptjeningsland);
                        w.WriteEndElement();
                    }

                    Felt("antall", i.Antall);
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        private void Start(string navn) => w.WriteStartElement(navn, ns);

        private void Felt(string navn, string? verdi)
        {
            if (verdi is not null)
            {
                w.WriteElementString(navn, ns, verdi);
            }
        }

        private void Felt(string navn, DateOnly? verdi)
        {
            if (verdi is { } d)
            {
                w.WriteElementString(navn, ns, Verdiformat.Dato(d));
            }
        }

        private void Felt(string navn, decimal? verdi)
        {
            if (verdi is { } d)
            {
                w.WriteElementString(navn, ns, Verdiformat.Desimal(d));
            }
        }
    }
}
