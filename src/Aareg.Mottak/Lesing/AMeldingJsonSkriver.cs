using System.Text.Json;
using Aareg.Domain.AMelding;

namespace Aareg.Mottak.Lesing;

/// <summary>
/// Writes a <see cref="Leveranse"/> in the JSON form of the a-melding (<c>{"leveranse": {...}}</c>, DOMAIN §4). This is
/// the product's canonical stored parsed form and its content hash is computed over it, so the output is deterministic:
/// properties in XSD order, nulls and empty lists left out (except the required <c>oppgave</c>), decimals as strings
/// without trailing zeros (so <c>37.50</c> and <c>37.5</c> hash alike), dates <c>yyyy-MM-dd</c>, compact.
/// It reads back unchanged through <see cref="AMeldingLeser.LesJson"/>.
/// </summary>
public static class AMeldingJsonSkriver
{
    private static readonly JsonWriterOptions Innstillinger = new() { Indented = false, SkipValidation = false };

    public static void Skriv(Leveranse leveranse, Stream utdata)
    {
        ArgumentNullException.ThrowIfNull(leveranse);
        ArgumentNullException.ThrowIfNull(utdata);
        using var w = new Utf8JsonWriter(utdata, Innstillinger);
        Skriv(leveranse, w);
    }

    public static byte[] TilBytes(Leveranse leveranse)
    {
        ArgumentNullException.ThrowIfNull(leveranse);
        using var ms = new MemoryStream();
        Skriv(leveranse, ms);
        return ms.ToArray();
    }

    private static void Skriv(Leveranse l, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartObject("leveranse");
        if (l.Leveringstidspunkt is { } tid)
        {
            w.WriteString("leveringstidspunkt", Verdiformat.Tidspunkt(tid));
        }

        Felt(w, "kalendermaaned", l.Kalendermaaned?.ToString());
        Felt(w, "kildesystem", l.Kildesystem);
        Felt(w, "erstatterMeldingsId", l.ErstatterMeldingsId);
        Felt(w, "meldingsId", l.MeldingsId);
        if (l.Opplysningspliktig is not null)
        {
            w.WriteStartObject("opplysningspliktig");
            w.WriteString("norskIdentifikator", l.Opplysningspliktig);
            w.WriteEndObject();
        }

        w.WriteStartObject("oppgave");
        if (l.Virksomheter.Count > 0)
        {
            w.WriteStartArray("virksomhet");
            foreach (var v in l.Virksomheter)
            {
                Virksomhet(w, v);
            }

            w.WriteEndArray();
        }

        if (l.Pensjonsinnretninger.Count > 0)
        {
            w.WriteStartArray("pensjonsinnretning");
            foreach (var p in l.Pensjonsinnretninger)
            {
                w.WriteStartObject();
                Felt(w, "identifikator", p);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        Felt(w, "spraakForTilbakemelding", l.SpraakForTilbakemelding);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Virksomhet(Utf8JsonWriter w, Virksomhet v)
    {
        w.WriteStartObject();
        Felt(w, "norskIdentifikator", v.NorskIdentifikator);
        if (v.Inntektsmottakere.Count > 0)
        {
            w.WriteStartArray("inntektsmottaker");
            foreach (var m in v.Inntektsmottakere)
            {
                Inntektsmottaker(w, m);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Inntektsmottaker(Utf8JsonWriter w, Inntektsmottaker m)
    {
        w.WriteStartObject();
        Felt(w, "norskIdentifikator", m.NorskIdentifikator);
        if (m.InternasjonaleIdentifikatorer.Count > 0)
        {
            w.WriteStartArray("internasjonalIdentifikator");
            foreach (var i in m.InternasjonaleIdentifikatorer)
            {
                w.WriteStartObject();
                Felt(w, "identifikator", i.Identifikator);
                Felt(w, "identifikatortype", i.Identifikatortype);
                Felt(w, "land", i.Land);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (m.IdentifiserendeInformasjon is { } info)
        {
            w.WriteStartObject("identifiserendeInformasjon");
            Felt(w, "navn", info.Navn);
            Felt(w, "foedselsdato", info.Foedselsdato);
            Felt(w, "ansattnummer", info.Ansattnummer);
            w.WriteEndObject();
        }

        if (m.Arbeidsforhold.Count > 0)
        {
            w.WriteStartArray("arbeidsforhold");
            foreach (var a in m.Arbeidsforhold)
            {
                Arbeidsforhold(w, a);
            }

            w.WriteEndArray();
        }

        if (m.Inntekter.Count > 0)
        {
            w.WriteStartArray("inntekt");
            foreach (var i in m.Inntekter)
            {
                Inntekt(w, i);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Arbeidsforhold(Utf8JsonWriter w, Arbeidsforhold a)
    {
        w.WriteStartObject();
        Felt(w, "arbeidsforholdId", a.ArbeidsforholdId);
        Felt(w, "typeArbeidsforhold", a.TypeArbeidsforhold);
        Felt(w, "startdato", a.Startdato);
        Felt(w, "sluttdato", a.Sluttdato);
        Felt(w, "antallTimerPerUkeSomEnFullStillingTilsvarer", a.AntallTimerPerUkeSomEnFullStillingTilsvarer);
        Felt(w, "avloenningstype", a.Avloenningstype);
        Felt(w, "yrke", a.Yrke);
        Felt(w, "arbeidstidsordning", a.Arbeidstidsordning);
        Felt(w, "stillingsprosent", a.Stillingsprosent);
        Felt(w, "sisteLoennsendringsdato", a.SisteLoennsendringsdato);
        if (a.Fartoey is { } f)
        {
            w.WriteStartObject("fartoey");
            Felt(w, "skipsregister", f.Skipsregister);
            Felt(w, "skipstype", f.Skipstype);
            Felt(w, "fartsomraade", f.Fartsomraade);
            w.WriteEndObject();
        }

        if (a.Permisjoner.Count > 0)
        {
            w.WriteStartArray("permisjon");
            foreach (var p in a.Permisjoner)
            {
                w.WriteStartObject();
                Felt(w, "startdato", p.Startdato);
                Felt(w, "sluttdato", p.Sluttdato);
                Felt(w, "permisjonsprosent", p.Permisjonsprosent);
                Felt(w, "permisjonId", p.PermisjonId);
                Felt(w, "beskrivelse", p.Beskrivelse);
                if (p.Loennet is { } loennet)
                {
                    w.WriteBoolean("loennet", loennet);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        Felt(w, "sisteDatoForStillingsprosentendring", a.SisteDatoForStillingsprosentendring);
        Felt(w, "aarsakTilSluttdato", a.AarsakTilSluttdato);
        Felt(w, "formForAnsettelse", a.FormForAnsettelse);
        if (a.Permitteringer.Count > 0)
        {
            w.WriteStartArray("permittering");
            foreach (var p in a.Permitteringer)
            {
                w.WriteStartObject();
                Felt(w, "permitteringId", p.PermitteringId);
                Felt(w, "varslingsdato", p.Varslingsdato);
                Felt(w, "startdatoPermittering", p.StartdatoPermittering);
                Felt(w, "sluttdatoPermittering", p.SluttdatoPermittering);
                Felt(w, "sluttdatoLoennsplikt", p.SluttdatoLoennsplikt);
                Felt(w, "permitteringsprosent", p.Permitteringsprosent);
                Felt(w, "permitteringsaarsak", p.Permitteringsaarsak);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Inntekt(Utf8JsonWriter w, Inntekt i)
    {
        w.WriteStartObject();
        Felt(w, "startdatoOpptjeningsperiode", i.StartdatoOpptjeningsperiode);
        Felt(w, "sluttdatoOpptjeningsperiode", i.SluttdatoOpptjeningsperiode);
        Felt(w, "fordel", i.Fordel);
        Felt(w, "beloep", i.Beloep);
        Felt(w, "arbeidsforholdId", i.ArbeidsforholdId);
        if (i.Art is { } art)
        {
            w.WriteStartObject(AMeldingNavn.Inntektsart(art));
            Felt(w, "beskrivelse", i.Beskrivelse);
            if (art == Inntektsart.Loennsinntekt)
            {
                if (i.Opptjeningsland is not null)
                {
                    w.WriteStartObject("spesifikasjon");
                    w.WriteString("opptjeningsland", i.Opptjeningsland);
                    w.WriteEndObject();
                }

                Felt(w, "antall", i.Antall);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Felt(Utf8JsonWriter w, string navn, string? verdi)
    {
        if (verdi is not null)
        {
            w.WriteString(navn, verdi);
        }
    }

    private static void Felt(Utf8JsonWriter w, string navn, DateOnly? verdi)
    {
        if (verdi is { } d)
        {
            w.WriteString(navn, Verdiformat.Dato(d));
        }
    }

    private static void Felt(Utf8JsonWriter w, string navn, decimal? verdi)
    {
        if (verdi is { } d)
        {
            w.WriteString(navn, Verdiformat.Desimal(d));
        }
    }
}
