using Aareg.Domain.AMelding;
using Aareg.Domain.Tid;

namespace Aareg.Mottak.Lesing;

// Maps the a-melding tree (XML or JSON, through NodeLeser) to the parsed model. Only the elements the register uses
// are read (DOMAIN §4); every other element is skipped by not being entered. Missing inner elements are left null for
// the controls to report; only the Leveranse-level elements the melding cannot be handled without are 104 here.
// Lists are allocated on first use: most arbeidsforhold have no permisjon, and this runs for every one of them.
internal static class LeveranseMapper
{
    /// <summary>Reads the document element the cursor is on; <paramref name="leveranseNavn"/> is its Leveranse child.</summary>
    public static Leveranse? LesDokument(NodeLeser c, string leveranseNavn)
    {
        c.Inn(NodeLeser.IkkeISti);
        Leveranse? leveranse = null;
        var flere = false;
        while (c.NesteBarn(out var navn))
        {
            if (navn != leveranseNavn)
            {
                continue;
            }

            if (leveranse is null)
            {
                c.Inn(NodeLeser.IkkeISti);
                leveranse = LesLeveranse(c);
            }
            else
            {
                flere = true;
            }
        }

        if (leveranse is null)
        {
            c.Feil($"Meldingen mangler {leveranseNavn}.", null, null);
        }
        else if (flere)
        {
            c.Feil($"Meldingen kan bare inneholde én {leveranseNavn}.", null, null);
        }

        return leveranse;
    }

    private static Leveranse LesLeveranse(NodeLeser c)
    {
        DateTimeOffset? tid = null;
        Kalendermaaned? maaned = null;
        string? kildesystem = null, erstatter = null, meldingsId = null, opplysningspliktig = null, spraak = null;
        bool tidOppgitt = false, maanedOppgitt = false, idOppgitt = false, oppgaveOppgitt = false;
        List<Virksomhet>? virksomheter = null;
        List<string>? pensjonsinnretninger = null;
        var antallPensjonsinnretninger = 0;

        while (c.NesteBarn(out var navn))
        {
            switch (navn)
            {
                case "leveringstidspunkt":
                    tid = c.Tidspunkt();
                    tidOppgitt = !c.SistTom;
                    break;
                case "kalendermaaned":
                    maaned = c.Maaned();
                    maanedOppgitt = !c.SistTom;
                    break;
                case "kildesystem":
                    kildesystem = c.Tekst();
                    break;
                case "erstatterMeldingsId":
                    erstatter = c.Id();
                    break;
                case "meldingsId":
                    meldingsId = c.Id();
                    idOppgitt = !c.SistTom;
                    break;
                case "opplysningspliktig":
                    c.Inn();
                    while (c.NesteBarn(out var n))
                    {
                        if (n == "norskIdentifikator")
                        {
                            opplysningspliktig = c.Tekst();
                        }
                    }

                    break;
                case "oppgave":
                    oppgaveOppgitt = true;
                    c.Inn(NodeLeser.IkkeISti);
                    while (c.NesteBarn(out var n))
                    {
                        if (n == "virksomhet")
                        {
                            virksomheter ??= [];
                            c.Inn(virksomheter.Count);
                            virksomheter.Add(LesVirksomhet(c));
                        }
                        else if (n == "pensjonsinnretning")
                        {
                            c.Inn(antallPensjonsinnretninger++);
                            var identifikator = LesPensjonsinnretning(c);
                            if (identifikator is not null)
                            {
                                (pensjonsinnretninger ??= []).Add(identifikator);
                            }
                        }
                    }

                    break;
                case "spraakForTilbakemelding":
                    spraak = c.Tekst();
                    break;
                default:
                    break;
            }
        }

        // Required by the XSD, and the melding cannot be received without them (DOMAIN §4.2, rule 104).
        if (!tidOppgitt)
        {
            Mangler(c, "leveringstidspunkt");
        }

        if (!maanedOppgitt)
        {
            Mangler(c, "kalendermaaned");
        }

        if (kildesystem is null)
        {
            Mangler(c, "kildesystem");
        }

        if (!idOppgitt)
        {
            Mangler(c, "meldingsId");
        }

        if (opplysningspliktig is null)
        {
            Mangler(c, "opplysningspliktig/norskIdentifikator");
        }

        if (!oppgaveOppgitt)
        {
            Mangler(c, "oppgave");
        }

        return new Leveranse
        {
            Leveringstidspunkt = tid,
            Kalendermaaned = maaned,
            Kildesystem = kildesystem,
            ErstatterMeldingsId = erstatter,
            MeldingsId = meldingsId,
            Opplysningspliktig = opplysningspliktig,
            SpraakForTilbakemelding = spraak,
            Virksomheter = (IReadOnlyList<Virksomhet>?)virksomheter ?? [],
            Pensjonsinnretninger = (IReadOnlyList<string>?)pensjonsinnretninger ?? [],
        };
    }

    private static void Mangler(NodeLeser c, string sti) => c.Feil($"Påkrevd element {sti} mangler eller er tomt.", sti, null);

    private static string? LesPensjonsinnretning(NodeLeser c)
    {
        string? identifikator = null;
        while (c.NesteBarn(out var n))
        {
            if (n == "identifikator")
            {
                identifikator = c.Tekst();
            }
        }

        // The model holds only the identifikator, so one without it cannot be passed on for the controls.
        if (identifikator is null)
        {
            c.Feil("Påkrevd element pensjonsinnretning/identifikator mangler eller er tomt.", null, null);
        }

        return identifikator;
    }

    private static Virksomhet LesVirksomhet(NodeLeser c)
    {
        string? orgnr = null;
        List<Inntektsmottaker>? mottakere = null;
        while (c.NesteBarn(out var navn))
        {
            if (navn == "norskIdentifikator")
            {
                orgnr = c.Tekst();
            }
            else if (navn == "inntektsmottaker")
            {
                mottakere ??= [];
                c.Inn(mottakere.Count);
                mottakere.Add(LesInntektsmottaker(c));
            }
        }

        return new Virksomhet { NorskIdentifikator = orgnr, Inntektsmottakere = (IReadOnlyList<Inntektsmottaker>?)mottakere ?? [] };
    }

    private static Inntektsmottaker LesInntektsmottaker(NodeLeser c)
    {
        string? ident = null;
        List<InternasjonalIdentifikator>? internasjonale = null;
        IdentifiserendeInformasjon? info = null;
        List<Arbeidsforhold>? arbeidsforhold = null;
        List<Inntekt>? inntekter = null;
        while (c.NesteBarn(out var navn))
        {
            switch (navn)
            {
                case "norskIdentifikator":
                    ident = c.Tekst();
                    break;
                case "internasjonalIdentifikator":
                    internasjonale ??= [];
                    c.Inn(internasjonale.Count);
                    internasjonale.Add(LesInternasjonalIdentifikator(c));
                    break;
                case "identifiserendeInformasjon":
                    c.Inn();
                    info = LesIdentifiserendeInformasjon(c);
                    break;
                case "arbeidsforhold":
                    arbeidsforhold ??= [];
                    c.Inn(arbeidsforhold.Count);
                    arbeidsforhold.Add(LesArbeidsforhold(c));
                    break;
                case "inntekt":
                    inntekter ??= [];
                    c.Inn(inntekter.Count);
                    inntekter.Add(LesInntekt(c));
                    break;
                default:
                    break;
            }
        }

        return new Inntektsmottaker
        {
            NorskIdentifikator = ident,
            InternasjonaleIdentifikatorer = (IReadOnlyList<InternasjonalIdentifikator>?)internasjonale ?? [],
            IdentifiserendeInformasjon = info,
            Arbeidsforhold = (IReadOnlyList<Arbeidsforhold>?)arbeidsforhold ?? [],
            Inntekter = (IReadOnlyList<Inntekt>?)inntekter ?? [],
        };
    }

    private static InternasjonalIdentifikator LesInternasjonalIdentifikator(NodeLeser c)
    {
        string? identifikator = null, type = null, land = null;
        while (c.NesteBarn(out var navn))
        {
            switch (navn)
            {
                case "identifikator":
                    identifikator = c.Tekst();
                    break;
                case "identifikatortype":
                    type = c.Tekst();
                    break;
                case "land":
                    land = c.Tekst();
                    break;
                default:
                    break;
            }
        }

        return new InternasjonalIdentifikator(identifikator, type, land);
    }

    private static IdentifiserendeInformasjon LesIdentifiserendeInformasjon(NodeLeser c)
    {
        string? navn = null, ansattnummer = null;
        DateOnly? foedselsdato = null;
        while (c.NesteBarn(out var n))
        {
            switch (n)
            {
                case "navn":
                    navn = c.Tekst();
                    break;
                case "foedselsdato":
                    foedselsdato = c.Dato();
                    break;
                case "ansattnummer":
                    ansattnummer = c.Tekst();
                    break;
                default:
                    break;
            }
        }

        return new IdentifiserendeInformasjon(navn, foedselsdato, ansattnummer);
    }

    private static Arbeidsforhold LesArbeidsforhold(NodeLeser c)
    {
        string? id = null, type = null, avloenningstype = null, yrke = null, arbeidstidsordning = null;
        string? sluttaarsak = null, ansettelsesform = null;
        DateOnly? startdato = null, sluttdato = null, loennsendring = null, stillingsprosentendring = null;
        decimal? timer = null, stillingsprosent = null;
        Fartoey? fartoey = null;
        List<Permisjon>? permisjoner = null;
        List<Permittering>? permitteringer = null;
        while (c.NesteBarn(out var navn))
        {
            switch (navn)
            {
                case "arbeidsforholdId":
                    id = c.Id();
                    break;
                case "typeArbeidsforhold":
                    type = c.Tekst();
                    break;
                case "startdato":
                    startdato = c.Dato();
                    break;
                case "sluttdato":
                    sluttdato = c.Dato();
                    break;
                case "antallTimerPerUkeSomEnFullStillingTilsvarer":
                    timer = c.Desimal();
                    break;
                case "avloenningstype":
                    avloenningstype = c.Tekst();
                    break;
                case "yrke":
                    yrke = c.Tekst();
                    break;
                case "arbeidstidsordning":
                    arbeidstidsordning = c.Tekst();
                    break;
                case "stillingsprosent":
                    stillingsprosent = c.Desimal();
                    break;
                case "sisteLoennsendringsdato":
                    loennsendring = c.Dato();
                    break;
                case "fartoey":
                    c.Inn();
                    fartoey = LesFartoey(c);
                    break;
                case "permisjon":
                    permisjoner ??= [];
                    c.Inn(permisjoner.Count);
                    permisjoner.Add(LesPermisjon(c));
                    break;
                case "sisteDatoForStillingsprosentendring":
                    stillingsprosentendring = c.Dato();
                    break;
                case "aarsakTilSluttdato":
                    sluttaarsak = c.Tekst();
                    break;
                case "formForAnsettelse":
                    ansettelsesform = c.Tekst();
                    break;
                case "permittering" when c.MedPermittering:
                    permitteringer ??= [];
                    c.Inn(permitteringer.Count);
                    permitteringer.Add(LesPermittering(c));
                    break;
                default:
                    break;
            }
        }

        return new Arbeidsforhold
        {
            ArbeidsforholdId = id,
            TypeArbeidsforhold = type,
            Startdato = startdato,
            Sluttdato = sluttdato,
            AntallTimerPerUkeSomEnFullStillingTilsvarer = timer,
            Avloenningstype = avloenningstype,
            Yrke = yrke,
            Arbeidstidsordning = arbeidstidsordning,
            Stillingsprosent = stillingsprosent,
            SisteLoennsendringsdato = loennsendring,
            Fartoey = fartoey,
            Permisjoner = (IReadOnlyList<Permisjon>?)permisjoner ?? [],
            SisteDatoForStillingsprosentendring = stillingsprosentendring,
            AarsakTilSluttdato = sluttaarsak,
            FormForAnsettelse = ansettelsesform,
            Permitteringer = (IReadOnlyList<Permittering>?)permitteringer ?? [],
        };
    }

    private static Fartoey LesFartoey(NodeLeser c)
    {
        string? register = null, type = null, omraade = null;
        while (c.NesteBarn(out var navn))
        {
            switch (navn)
            {
                case "skipsregister":
                    register = c.Tekst();
                    break;
                case "skipstype":
                    type = c.Tekst();
                    break;
                case "fartsomraade":
                    omraade = c.Tekst();
                    break;
                default:
                    break;
            }
        }

        return new Fartoey(register, type, omraade);
    }

    private static Permisjon LesPermisjon(NodeLeser c)
    {
        DateOnly? start = null, slutt = null;
        decimal? prosent = null;
        string? id = null, beskrivelse = null;
        bool? loennet = null;
        while (c.NesteBarn(out var navn))
        {
            switch (navn)
            {
                case "startdato":
                    start = c.Dato();
                    break;
                case "sluttdato":
                    slutt = c.Dato();
                    break;
                case "permisjonsprosent":
                    prosent = c.Desimal();
                    break;
                case "permisjonId":
                    id = c.Id();
                    break;
                case "beskrivelse":
                    beskrivelse = c.Tekst();
                    break;
                case "loennet":
                    loennet = c.Boolsk();
                    break;
                default:
                    break;
            }
        }

        return new Permisjon
        {
            Startdato = start,
            Sluttdato = slutt,
            Permisjonsprosent = prosent,
            PermisjonId = id,
            Beskrivelse = beskrivelse,
            Loennet = loennet,
        };
    }

    private static Permittering LesPermittering(NodeLeser c)
    {
        string? id = null, aarsak = null;
        DateOnly? varsling = null, start = null, slutt = null, loennsplikt = null;
        decimal? prosent = null;
        while (c.NesteBarn(out var navn))
        {
            switch (navn)
            {
                case "permitteringId":
                    id = c.Id();
                    break;
                case "varslingsdato":
                    varsling = c.Dato();
                    break;
                case "startdatoPermittering":
                    start = c.Dato();
                    break;
                case "sluttdatoPermittering":
                    slutt = c.Dato();
                    break;
                case "sluttdatoLoennsplikt":
                    loennsplikt = c.Dato();
                    break;
                case "permitteringsprosent":
                    prosent = c.Desimal();
                    break;
                case "permitteringsaarsak":
                    aarsak = c.Tekst();
                    break;
                default:
                    break;
            }
        }

        return new Permittering
        {
            PermitteringId = id,
            Varslingsdato = varsling,
            StartdatoPermittering = start,
            SluttdatoPermittering = slutt,
            SluttdatoLoennsplikt = loennsplikt,
            Permitteringsprosent = prosent,
            Permitteringsaarsak = aarsak,
        };
    }

    private static Inntekt LesInntekt(NodeLeser c)
    {
        DateOnly? start = null, slutt = null;
        string? fordel = null, arbeidsforholdId = null, beskrivelse = null, opptjeningsland = null;
        decimal? beloep = null, antall = null;
        Inntektsart? art = null;
        while (c.NesteBarn(out var navn))
        {
            switch (navn)
            {
                case "startdatoOpptjeningsperiode":
                    start = c.Dato();
                    break;
                case "sluttdatoOpptjeningsperiode":
                    slutt = c.Dato();
                    break;
                case "fordel":
                    fordel = c.Tekst();
                    break;
                case "beloep":
                    beloep = c.Desimal();
                    break;
                case "arbeidsforholdId":
                    arbeidsforholdId = c.Id();
                    break;
                case AMeldingNavn.Loennsinntekt:
                case AMeldingNavn.YtelseFraOffentlige:
                case AMeldingNavn.PensjonEllerTrygd:
                case AMeldingNavn.Naeringsinntekt:
                    if (art is not null)
                    {
                        // The income kinds are an xs:choice (AMELDING_V2_3.md §0): exactly one per inntekt.
                        c.Feil("En inntekt kan bare ha én inntektstype.", navn, null);
                        break;
                    }

                    art = Inntektsart(navn);
                    c.Inn();
                    while (c.NesteBarn(out var n))
                    {
                        if (n == "beskrivelse")
                        {
                            beskrivelse = c.Tekst();
                        }
                        else if (art == Domain.AMelding.Inntektsart.Loennsinntekt && n == "antall")
                        {
                            antall = c.Desimal();
                        }
                        else if (art == Domain.AMelding.Inntektsart.Loennsinntekt && n == "spesifikasjon")
                        {
                            c.Inn();
                            while (c.NesteBarn(out var s))
                            {
                                if (s == "opptjeningsland")
                                {
                                    opptjeningsland = c.Tekst();
                                }
                            }
                        }
                    }

                    break;
                default:
                    break;
            }
        }

        return new Inntekt
        {
            StartdatoOpptjeningsperiode = start,
            SluttdatoOpptjeningsperiode = slutt,
            Fordel = fordel,
            Beloep = beloep,
            ArbeidsforholdId = arbeidsforholdId,
            Art = art,
            Beskrivelse = beskrivelse,
            Antall = antall,
            Opptjeningsland = opptjeningsland,
        };
    }

    private static Inntektsart Inntektsart(string navn) => navn switch
    {
        AMeldingNavn.Loennsinntekt => Domain.AMelding.Inntektsart.Loennsinntekt,
        AMeldingNavn.YtelseFraOffentlige => Domain.AMelding.Inntektsart.YtelseFraOffentlige,
        AMeldingNavn.PensjonEllerTrygd => Domain.AMelding.Inntektsart.PensjonEllerTrygd,
        _ => Domain.AMelding.Inntektsart.Naeringsinntekt,
    };
}
