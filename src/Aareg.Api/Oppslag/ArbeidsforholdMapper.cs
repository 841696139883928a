using System.Globalization;
using Aareg.Api.Oppsett;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Register;
using Aareg.Domain.Tid;
using Aareg.Storage.Register;
using RegisterIdHistorikk = Aareg.Domain.Register.IdHistorikk;

namespace Aareg.Api.Oppslag;

/// <summary>One of the person's idents (identbytte gives several); <see cref="Gjeldende"/> marks the one in use now.</summary>
/// <param name="Ident">An fnr/dnr (11 digits) or an aktør-id (13 digits).</param>
public sealed record Personidentversjon(string Ident, bool Gjeldende);

/// <summary>
/// Maps register versions to the API's response models (API §1, §2; DOMAIN §5). The mapper is where the agreement's
/// data elements (API §7) take effect on the output: an element not allowed is never built, so it cannot leak through
/// serialisation settings or later changes to the DTOs.
/// </summary>
public sealed class ArbeidsforholdMapper
{
    private const string Datoformat = "yyyy-MM-dd";

    private readonly IKodeverk _kodeverk;

    public ArbeidsforholdMapper(IKodeverk kodeverk)
    {
        ArgumentNullException.ThrowIfNull(kodeverk);
        _kodeverk = kodeverk;
    }

    /// <summary>The full v2 arbeidsforhold of a stored version.</summary>
    public ArbeidsforholdDto Map(LagretArbeidsforhold lagret, IReadOnlyList<Personidentversjon> identer, Oppslagsvalg valg)
    {
        ArgumentNullException.ThrowIfNull(lagret);
        return Map(lagret.Arbeidsforhold, lagret.Bruksperiode, identer, valg);
    }

    /// <summary>
    /// The full v2 arbeidsforhold of one register version with its <paramref name="bruksperiode"/>.
    /// <paramref name="identer"/> are the arbeidstaker's idents; when empty, the key's canonical ident is used.
    /// </summary>
    public ArbeidsforholdDto Map(
        RegisterArbeidsforhold arbeidsforhold,
        Bruksperiode bruksperiode,
        IReadOnlyList<Personidentversjon> identer,
        Oppslagsvalg valg)
    {
        ArgumentNullException.ThrowIfNull(arbeidsforhold);
        ArgumentNullException.ThrowIfNull(identer);
        ArgumentNullException.ThrowIfNull(valg);
        var a = arbeidsforhold;
        var noekkel = a.Noekkel;

        return new ArbeidsforholdDto(
            Id: a.ArbeidsforholdId,
            Type: Kode(Kodeverknavn.Arbeidsforholdtyper, a.Type, a.Ansettelsesperiode.Startdato),
            Arbeidstaker: new ArbeidstakerDto(Arbeidstakeridenter(noekkel, identer)),
            Arbeidssted: noekkel.ArbeidsstedErPerson
                ? new EnhetDto(Enhetstype.Person, [PersonIdent(noekkel.Arbeidssted)])
                : new EnhetDto(Enhetstype.Underenhet, [OrgIdent(noekkel.Arbeidssted)]),
            Opplysningspliktig: noekkel.OpplysningspliktigErPerson
                ? new EnhetDto(Enhetstype.Person, [PersonIdent(noekkel.Opplysningspliktig)])
                : new EnhetDto(Enhetstype.Hovedenhet, [OrgIdent(noekkel.Opplysningspliktig)]),
            Ansettelsesperiode: Ansettelsesperiode(a.Ansettelsesperiode, valg),
            Ansettelsesdetaljer: Liste(Detaljversjoner(a, valg.MedHistorikk).Select(d => Detaljer(d, valg))),
            Permisjoner: valg.Tillater(Dataelement.PermisjonerOgPermitteringer) ? Liste(a.Permisjoner.Select(p => Permisjon(p, valg))) : null,
            Permitteringer: valg.Tillater(Dataelement.PermisjonerOgPermitteringer) ? Liste(a.Permitteringer.Select(p => Permisjon(p, valg))) : null,
            TimerMedTimeloenn: valg.Tillater(Dataelement.TimerMedTimeloenn) ? Liste(a.TimerMedTimeloenn.Select(t => Timer(t, valg))) : null,
            Utenlandsopphold: valg.Tillater(Dataelement.Utenlandsopphold) ? Liste(a.Utenlandsopphold.Select(u => Opphold(u, valg))) : null,
            IdHistorikk: Liste(a.IdHistorikk.Select(IdHistorikk)),
            Varsler: Liste(a.Varsler.Where(v => VarselTillatt(v, valg)).Select(v => new VarselDto(v.Entitet, Kode(Kodeverknavn.Varslingskoder, v.Varsling, null)))),
            Rapporteringsordning: Kode(Kodeverknavn.Rapporteringsordninger, a.Rapporteringsordning, null),
            NavArbeidsforholdId: a.NavArbeidsforholdId,
            NavVersjon: a.NavVersjon,
            NavUuid: a.NavUuid,
            Opprettet: Tidspunkt(a.Opprettet),
            SistBekreftet: Tidspunkt(a.SistBekreftet),
            SistEndret: Tidspunkt(a.SistEndret),
            Bruksperiode: new BruksperiodeDto(Tidsformat.Lokal(bruksperiode.Fom), bruksperiode.Tom is { } tom ? Tidsformat.Lokal(tom) : null),
            Sporingsinformasjon: Sporing(a.Sporing, valg));
    }

    /// <summary>One item of the employer overview (API §1 arbeidsforholdoversikt).</summary>
    public ArbeidsforholdoversiktDto MapOversikt(RegisterArbeidsforhold arbeidsforhold, Oppslagsvalg valg)
    {
        ArgumentNullException.ThrowIfNull(arbeidsforhold);
        ArgumentNullException.ThrowIfNull(valg);
        var a = arbeidsforhold;
        var noekkel = a.Noekkel;
        var gjeldende = Gjeldende(a);
        var medPeriode = valg.Tillater(Dataelement.Ansettelsesperiode);

        return new ArbeidsforholdoversiktDto(
            NavArbeidsforholdId: a.NavArbeidsforholdId,
            NavUuid: a.NavUuid,
            Arbeidstaker: AktoerDto.Person(noekkel.Arbeidstaker),
            Arbeidsgiver: noekkel.ArbeidsstedErPerson ? AktoerDto.Person(noekkel.Arbeidssted) : AktoerDto.Organisasjon(noekkel.Arbeidssted),
            Opplysningspliktig: noekkel.OpplysningspliktigErPerson
                ? AktoerDto.Person(noekkel.Opplysningspliktig)
                : AktoerDto.Organisasjon(noekkel.Opplysningspliktig),
            Type: a.Type,
            AnsattFom: medPeriode ? Dato(a.Ansettelsesperiode.Startdato) : null,
            AnsattTom: medPeriode ? Dato(a.Ansettelsesperiode.Sluttdato) : null,
            Yrke: valg.Tillater(Dataelement.Yrke) ? gjeldende?.Yrke : null,
            Stillingsprosent: valg.Tillater(Dataelement.StillingsprosentOgArbeidstid) ? gjeldende?.AvtaltStillingsprosent : null,
            InnrapportertEtterAOrdningen: a.Rapporteringsordning == Rapporteringsordning.AOrdningen,
            SistBekreftet: Tidspunkt(a.SistBekreftet),
            Varsler: Liste(a.Varsler.Where(v => VarselTillatt(v, valg)).Select(v => new OversiktVarselDto(v.Entitet.ToString(), v.Varsling))));
    }

    /// <summary>One item of the pension overview (API §2): the current yrke and the id history.</summary>
    public OtpArbeidsforholdoversiktDto MapOtpOversikt(RegisterArbeidsforhold arbeidsforhold, Oppslagsvalg valg)
    {
        ArgumentNullException.ThrowIfNull(arbeidsforhold);
        ArgumentNullException.ThrowIfNull(valg);
        var a = arbeidsforhold;
        var gjeldende = Gjeldende(a);
        return new OtpArbeidsforholdoversiktDto(
            NavUuid: a.NavUuid,
            Id: a.ArbeidsforholdId,
            Arbeidstaker: new OtpArbeidstakerDto(a.Noekkel.Arbeidstaker),
            Yrke: valg.Tillater(Dataelement.Yrke) && gjeldende?.Yrke is { } yrke
                ? Kode(Kodeverknavn.Yrker, yrke, gjeldende.Rapporteringsmaaneder.Fra.FoersteDag)
                : null,
            IdHistorikk: Liste(a.IdHistorikk.Select(IdHistorikk)),
            SistEndret: Tidspunkt(a.SistEndret));
    }

    /// <summary>
    /// The detail versions to show, newest first as NAV lists them: all with history, otherwise only the current
    /// one (the version whose <c>til</c> is null, DOMAIN §6 rule 3; the last version if none is open).
    /// </summary>
    private static IEnumerable<Ansettelsesdetaljer> Detaljversjoner(RegisterArbeidsforhold a, bool medHistorikk)
    {
        if (medHistorikk)
        {
            return a.Ansettelsesdetaljer.OrderByDescending(d => d.Rapporteringsmaaneder.Fra);
        }

        return Gjeldende(a) is { } gjeldende ? [gjeldende] : [];
    }

    private static Ansettelsesdetaljer? Gjeldende(RegisterArbeidsforhold a)
    {
        foreach (var d in a.Ansettelsesdetaljer)
        {
            if (d.Rapporteringsmaaneder.Til is null)
            {
                return d;
            }
        }

        return a.GjeldendeDetaljer;
    }

    private AnsettelsesperiodeDto? Ansettelsesperiode(Ansettelsesperiode p, Oppslagsvalg valg)
    {
        var medPeriode = valg.Tillater(Dataelement.Ansettelsesperiode);
        var sluttaarsak = valg.Tillater(Dataelement.Sluttaarsak) && p.Sluttaarsak is { } s
            ? Kode(Kodeverknavn.Sluttaarsaker, s, p.Sluttdato ?? p.Startdato)
            : null;
        if (!medPeriode && sluttaarsak is null)
        {
            return null;
        }

        return new AnsettelsesperiodeDto(
            Startdato: medPeriode ? Dato(p.Startdato) : null,
            Sluttdato: medPeriode ? Dato(p.Sluttdato) : null,
            Sluttaarsak: sluttaarsak,
            Varsling: medPeriode && p.Varsling is { } v ? Kode(Kodeverknavn.Varslingskoder, v, p.Sluttdato) : null,
            Sporingsinformasjon: Sporing(p.Sporing, valg));
    }

    private AnsettelsesdetaljerDto Detaljer(Ansettelsesdetaljer d, Oppslagsvalg valg)
    {
        // Codes are described as they read in the first month the version applied (DOMAIN §8: old months display
        // with the codes of their time); the catalogue falls back to the latest description of a retired code.
        var dato = d.Rapporteringsmaaneder.Fra.FoersteDag;
        var stilling = valg.Tillater(Dataelement.StillingsprosentOgArbeidstid);
        var maritim = valg.Tillater(Dataelement.Maritim);
        return new AnsettelsesdetaljerDto(
            Type: d.Type,
            Arbeidstidsordning: stilling ? KodeEllerNull(Kodeverknavn.Arbeidstidsordninger, d.Arbeidstidsordning, dato) : null,
            Ansettelsesform: valg.Tillater(Dataelement.Ansettelsesform) ? KodeEllerNull(Kodeverknavn.Ansettelsesformer, d.Ansettelsesform, dato) : null,
            Yrke: valg.Tillater(Dataelement.Yrke) ? KodeEllerNull(Kodeverknavn.Yrker, d.Yrke, dato) : null,
            AntallTimerPrUke: stilling ? d.AntallTimerPrUke : null,
            AvtaltStillingsprosent: stilling ? d.AvtaltStillingsprosent : null,
            SisteStillingsprosentendring: stilling ? Dato(d.SisteStillingsprosentendring) : null,
            SisteLoennsendring: valg.Tillater(Dataelement.Loennsendring) ? Dato(d.SisteLoennsendring) : null,
            Fartsomraade: maritim ? KodeEllerNull(Kodeverknavn.Fartsomraader, d.Fartsomraade, dato) : null,
            Skipsregister: maritim ? KodeEllerNull(Kodeverknavn.Skipsregistre, d.Skipsregister, dato) : null,
            Fartoeystype: maritim ? KodeEllerNull(Kodeverknavn.Skipstyper, d.Fartoeystype, dato) : null,
            Rapporteringsmaaneder: new RapporteringsmaanederDto(d.Rapporteringsmaaneder.Fra.ToString(), d.Rapporteringsmaaneder.Til?.ToString()),
            Sporingsinformasjon: Sporing(d.Sporing, valg));
    }

    private PermisjonPermitteringDto Permisjon(PermisjonPermittering p, Oppslagsvalg valg) => new(
        Id: p.Id,
        Type: Kode(Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, p.Type, p.Startdato),
        Startdato: Dato(p.Startdato),
        Sluttdato: Dato(p.Sluttdato),
        Prosent: p.Prosent,
        Varsling: p.Varsling is { } v ? Kode(Kodeverknavn.Varslingskoder, v, p.Sluttdato) : null,
        Sporingsinformasjon: Sporing(p.Sporing, valg));

    private static TimerMedTimeloennDto Timer(TimerMedTimeloenn t, Oppslagsvalg valg) => new(
        Antall: t.Antall,
        Startdato: Dato(t.Startdato),
        Sluttdato: Dato(t.Sluttdato),
        Rapporteringsmaaned: t.Rapporteringsmaaned.ToString(),
        Sporingsinformasjon: Sporing(t.Sporing, valg));

    private UtenlandsoppholdDto Opphold(Utenlandsopphold u, Oppslagsvalg valg) => new(
        Land: Kode(Kodeverknavn.Landkoder, u.Land, u.Rapporteringsmaaned.FoersteDag),
        Startdato: Dato(u.Startdato),
        Sluttdato: Dato(u.Sluttdato),
        Rapporteringsmaaned: u.Rapporteringsmaaned.ToString(),
        Sporingsinformasjon: Sporing(u.Sporing, valg));

    /// <summary>
    /// The register keeps the months an earlier id was used; NAV's clients read a date-time bruksperiode, so it is
    /// given as the first instant of the first month to the last millisecond of the last month (local time).
    /// </summary>
    private static IdHistorikkDto IdHistorikk(RegisterIdHistorikk h) => new(
        h.ArbeidsforholdId,
        new BruksperiodeDto(LokalDatotid(h.Fra.FoersteDag, "00:00:00.000"), LokalDatotid(h.Til.SisteDag, "23:59:59.999")));

    /// <summary>
    /// Varsler belong to the element of the entity they mark: a varsel on the ansettelsesperiode tells that the
    /// register closed it, one on a permisjon that it closed that permisjon (DOMAIN §6), so they follow those elements.
    /// </summary>
    private static bool VarselTillatt(Varsel v, Oppslagsvalg valg) => v.Entitet switch
    {
        Varselentitet.Ansettelsesperiode => valg.Tillater(Dataelement.Ansettelsesperiode),
        Varselentitet.Permisjon or Varselentitet.Permittering => valg.Tillater(Dataelement.PermisjonerOgPermitteringer),
        _ => true,
    };

    private static IReadOnlyList<IdentDto> Arbeidstakeridenter(ArbeidsforholdNoekkel noekkel, IReadOnlyList<Personidentversjon> identer)
    {
        if (identer.Count == 0)
        {
            return [PersonIdent(noekkel.Arbeidstaker)];
        }

        // An aktør-id has 13 digits, an fnr/dnr 11 (DOMAIN §2).
        return [.. identer.Select(i => new IdentDto(i.Ident.Length == 13 ? Identtype.Aktoerid : Identtype.Folkeregisterident, i.Ident, i.Gjeldende))];
    }

    private static IdentDto PersonIdent(string ident) => new(Identtype.Folkeregisterident, ident, true);

    private static IdentDto OrgIdent(string orgnr) => new(Identtype.Organisasjonsnummer, orgnr, null);

    private static SporingsinformasjonDto? Sporing(Sporingsinformasjon s, Oppslagsvalg valg) => valg.MedSporing
        ? new SporingsinformasjonDto(
            Tidsformat.Lokal(s.OpprettetTidspunkt), s.OpprettetAv, s.OpprettetKilde, s.OpprettetKildereferanse,
            Tidsformat.Lokal(s.EndretTidspunkt), s.EndretAv, s.EndretKilde, s.EndretKildereferanse)
        : null;

    private Kodeverksentitet? KodeEllerNull(string kodeverk, string? kode, DateOnly? dato) =>
        kode is null ? null : Kode(kodeverk, kode, dato);

    /// <summary>
    /// <c>{kode, beskrivelse}</c>. Clients treat beskrivelse as required, so a code missing from the list (only
    /// possible for codes retired from it; intake validated them) is described by the code itself.
    /// </summary>
    private Kodeverksentitet Kode(string kodeverk, string kode, DateOnly? dato)
    {
        var beskrivelse = dato is { } d && _kodeverk is Kodeverkkatalog katalog
            ? katalog.Beskrivelse(kodeverk, kode, d)
            : _kodeverk.Beskrivelse(kodeverk, kode);
        return new Kodeverksentitet(kode, beskrivelse ?? kode);
    }

    private static string? Dato(DateOnly? dato) => dato?.ToString(Datoformat, CultureInfo.InvariantCulture);

    private static string LokalDatotid(DateOnly dato, string klokkeslett) =>
        dato.ToString(Datoformat, CultureInfo.InvariantCulture) + "T" + klokkeslett;

    /// <summary>An unset instant (default) is absent, never written as year 1.</summary>
    private static string? Tidspunkt(DateTimeOffset tidspunkt) =>
        tidspunkt == default ? null : Tidsformat.Lokal(tidspunkt);

    private static List<T>? Liste<T>(IEnumerable<T> elementer)
    {
        var liste = elementer.ToList();
        return liste.Count == 0 ? null : liste;
    }
}
