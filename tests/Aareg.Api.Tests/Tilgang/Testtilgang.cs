using System.Collections.Concurrent;
using Aareg.Api.Tests.Oppslag;
using Aareg.Api.Register;
using Aareg.Api.Tilgang;
using Aareg.Domain.Register;
using Aareg.Domain.Tid;
using Aareg.Storage.Pensjon;
using Aareg.Storage.Register;
using Aareg.Storage.Revisjon;
using Aareg.Storage.Tilgang;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aareg.Api.Tests.Tilgang;

/// <summary>
/// The access pipeline's collaborators in a test server (<see cref="AaregFabrikk.Tilgang"/>): agreements in memory,
/// the audit log in memory, and every register read recorded with the data selection it asked for.
/// </summary>
public sealed class Testtilgang
{
    public const string Formaal = "TEST";

    /// <summary>The consumers the lookup and OTP tests use, each with an agreement for every data element.</summary>
    public static readonly string[] StandardKonsumenter = [TestMeldinger.Loennssystem, "987976535", TestMeldinger.AnnenOpplysningspliktig];

    /// <summary>The agreements when <see cref="Isolert"/>.</summary>
    public InMemoryAvtaleStore Avtaler { get; } = new([.. StandardKonsumenter.Select(k => Avtale(k))]);

    /// <summary>The audit log when <see cref="Isolert"/>.</summary>
    public MinneRevisjonslogg Revisjon { get; } = new();

    /// <summary>
    /// True: agreements and audit log in memory (<see cref="Avtaler"/>, <see cref="Revisjon"/>), so a test controls
    /// them. False (default): the app's own stores, where <see cref="StandardKonsumenter"/> without an agreement of
    /// their own get the all-elements one.
    /// </summary>
    public bool Isolert { get; set; }

    /// <summary>Replaces the SQLite register (e.g. with <see cref="Eksempelregister"/>); null keeps the real one.</summary>
    public IRegisterStore? Register { get; set; }

    /// <summary>Every read the endpoints made from the register, with its selection.</summary>
    public ConcurrentQueue<(string Metode, Datautvalg? Utvalg)> Registerlesinger { get; } = new();

    /// <summary>When set, every month of every opplysningspliktig names these pension institutions.</summary>
    public IReadOnlySet<string>? Pensjonsinnretninger { get; set; }

    /// <summary>An active agreement of one purpose allowing every data element, both lookup scopes, channel API and OTP.</summary>
    public static Avtale Avtale(string konsument, string? id = null) => new(
        Id: id ?? "avtale-" + konsument,
        Versjon: 1,
        Konsument: konsument,
        Status: Avtalestatus.Aktiv,
        Formaal: [Formaal],
        Dataelementer: ["*"],
        Kanaler: [Kanaler.Api],
        Scopes: [Aareg.Tilgang.Scopes.Arbeidsforhold, Aareg.Tilgang.Scopes.Otp],
        Databehandler: null,
        GyldigFra: new DateOnly(2020, 1, 1),
        GyldigTil: null,
        Otp: true,
        SeAdressebeskyttede: false,
        SkjultForPerson: false,
        SkjultHjemmel: null,
        MaksOppslagPerMinutt: null,
        Endret: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        EndretAv: "test");

    internal void Registrer(IServiceCollection services)
    {
        if (Isolert)
        {
            services.RemoveAll<IAvtaleStore>();
            services.AddSingleton<IAvtaleStore>(Avtaler);
            services.RemoveAll<IRevisjonslogg>();
            services.AddSingleton<IRevisjonslogg>(Revisjon);
        }
        else
        {
            var ekte = services.LastOrDefault(s => s.ServiceType == typeof(IAvtaleStore));
            services.RemoveAll<IAvtaleStore>();
            services.AddSingleton<IAvtaleStore>(sp => new MedStandardavtaler(
                ekte is null ? new InMemoryAvtaleStore([]) : (IAvtaleStore)(ekte.ImplementationInstance
                    ?? ekte.ImplementationFactory?.Invoke(sp)
                    ?? ActivatorUtilities.CreateInstance(sp, ekte.ImplementationType!)),
                Avtaler));
            services.TryAddSingleton<IRevisjonslogg>(Revisjon);
        }

        services.AddAaregTilgangskontroll();
        var indre = Register;
        services.RemoveAll<IRegisterStore>();
        services.AddSingleton<IRegisterStore>(sp => new OpptakRegister(indre ?? sp.GetRequiredKeyedService<IRegisterStore>(RegisterbehandlingOppsett.LagretRegister), Registerlesinger));
        if (Pensjonsinnretninger is { } innretninger)
        {
            services.RemoveAll<IPensjonsinnretningStore>();
            services.AddSingleton<IPensjonsinnretningStore>(new AlleMaanederPensjon(innretninger));
        }
    }

    private sealed class AlleMaanederPensjon(IReadOnlySet<string> innretninger) : IPensjonsinnretningStore
    {
        public Task<IReadOnlyList<Pensjonsinnretningsmaaned>> HentAsync(string opplysningspliktig, Kalendermaaned fra, Kalendermaaned til, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<Pensjonsinnretningsmaaned>>([new(fra, innretninger)]);
    }
}

/// <summary>
/// The app's agreement store, where a consumer with no agreement there gets the standard one (so the lookup and OTP
/// tests run under an all-elements agreement). Every other operation is the real store's.
/// </summary>
internal sealed class MedStandardavtaler(IAvtaleStore ekte, IAvtaleStore standard) : IAvtaleStore
{
    public async Task<IReadOnlyList<Avtale>> FinnForKonsumentAsync(string konsument, CancellationToken ct = default) =>
        await ekte.FinnForKonsumentAsync(konsument, ct) is { Count: > 0 } egne ? egne : await standard.FinnForKonsumentAsync(konsument, ct);

    public Task<Avtale?> HentAsync(string id, int? versjon = null, CancellationToken ct = default) => ekte.HentAsync(id, versjon, ct);

    public Task<IReadOnlyList<Avtale>> ListAsync(CancellationToken ct = default) => ekte.ListAsync(ct);

    public Task<Avtale> LagreNyVersjonAsync(Avtale avtale, CancellationToken ct = default) => ekte.LagreNyVersjonAsync(avtale, ct);
}

/// <summary>Agreements in memory, for tests: the current version per id, replaceable at any time.</summary>
public sealed class InMemoryAvtaleStore(IEnumerable<Avtale> avtaler) : IAvtaleStore
{
    private readonly ConcurrentDictionary<string, Avtale> _avtaler = new(avtaler.ToDictionary(a => a.Id), StringComparer.Ordinal);

    /// <summary>Replaces every agreement with <paramref name="avtaler"/>.</summary>
    public void Sett(params Avtale[] avtaler)
    {
        _avtaler.Clear();
        foreach (var a in avtaler)
        {
            _avtaler[a.Id] = a;
        }
    }

    public Task<IReadOnlyList<Avtale>> FinnForKonsumentAsync(string konsument, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Avtale>>([.. _avtaler.Values.Where(a => a.Konsument == konsument)]);

    public Task<Avtale?> HentAsync(string id, int? versjon = null, CancellationToken ct = default) =>
        Task.FromResult(_avtaler.TryGetValue(id, out var a) && (versjon is null || versjon == a.Versjon) ? a : null);

    public Task<IReadOnlyList<Avtale>> ListAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Avtale>>([.. _avtaler.Values]);

    public Task<Avtale> LagreNyVersjonAsync(Avtale avtale, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(avtale);
        var ny = avtale with { Versjon = (_avtaler.TryGetValue(avtale.Id, out var gammel) ? gammel.Versjon : 0) + 1 };
        _avtaler[ny.Id] = ny;
        return Task.FromResult(ny);
    }
}

/// <summary>The audit log in memory; <see cref="Feiler"/> makes every write throw (the store is down).</summary>
public sealed class MinneRevisjonslogg : IRevisjonslogg
{
    public ConcurrentQueue<Oppslagsrevisjon> Poster { get; } = new();

    public bool Feiler { get; set; }

    public Task SkrivAsync(IReadOnlyList<Oppslagsrevisjon> poster, CancellationToken ct = default)
    {
        if (Feiler)
        {
            throw new IOException("Revisjonslageret er utilgjengelig.");
        }

        foreach (var p in poster)
        {
            Poster.Enqueue(p);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Records every read with the <see cref="Datautvalg"/> it passed, then reads from the inner store.</summary>
internal sealed class OpptakRegister(IRegisterStore indre, ConcurrentQueue<(string, Datautvalg?)> lesinger) : IRegisterStore
{
    public Task<Registerkrav?> KrevAsync(CancellationToken ct = default) => indre.KrevAsync(ct);

    public Task FrigiAsync(Registerkrav krav) => indre.FrigiAsync(krav);

    public Task<IReadOnlyList<Koelement>> HentGjeldendeAsync(string opplysningspliktig, long tilOgMedKo, CancellationToken ct = default) =>
        indre.HentGjeldendeAsync(opplysningspliktig, tilOgMedKo, ct);

    public Task<IReadOnlyDictionary<Guid, byte[]>> HentInnholdAsync(IReadOnlyCollection<Guid> mottaksIder, CancellationToken ct = default) =>
        indre.HentInnholdAsync(mottaksIder, ct);

    public Task<Registertilstand> HentTilstandAsync(string opplysningspliktig, CancellationToken ct = default) => indre.HentTilstandAsync(opplysningspliktig, ct);

    public Task<Anvendelsesoppsummering> AnvendAsync(Anvendelse anvendelse, CancellationToken ct = default) => indre.AnvendAsync(anvendelse, ct);

    public Task<Anvendelsesoppsummering> AnvendReavledningAsync(Reavledning reavledning, CancellationToken ct = default) =>
        indre.AnvendReavledningAsync(reavledning, ct);

    public Task<IReadOnlyList<string>> HentOpplysningspliktigeAsync(CancellationToken ct = default) => indre.HentOpplysningspliktigeAsync(ct);

    public Task<IReadOnlyList<LagretArbeidsforhold>> HentForPersonAsync(string ident, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default)
    {
        lesinger.Enqueue((nameof(HentForPersonAsync), utvalg));
        return indre.HentForPersonAsync(ident, kjentPaa, utvalg, ct);
    }

    public Task<LagretArbeidsforhold?> HentAsync(long navArbeidsforholdId, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default)
    {
        lesinger.Enqueue((nameof(HentAsync), utvalg));
        return indre.HentAsync(navArbeidsforholdId, kjentPaa, utvalg, ct);
    }

    public Task<LagretArbeidsforhold?> HentAsync(Guid navUuid, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default)
    {
        lesinger.Enqueue((nameof(HentAsync), utvalg));
        return indre.HentAsync(navUuid, kjentPaa, utvalg, ct);
    }

    public Task<IReadOnlyList<LagretArbeidsforhold>> HentVersjonerAsync(long navArbeidsforholdId, CancellationToken ct = default) =>
        HentVersjonerAsync(navArbeidsforholdId, null, ct);

    public Task<IReadOnlyList<LagretArbeidsforhold>> HentVersjonerAsync(long navArbeidsforholdId, Datautvalg? utvalg, CancellationToken ct = default)
    {
        lesinger.Enqueue((nameof(HentVersjonerAsync), utvalg));
        return indre.HentVersjonerAsync(navArbeidsforholdId, utvalg, ct);
    }

    public Task<Registerside> HentForOpplysningspliktigAsync(
        string opplysningspliktig, string? underenhet, int startrad, int antall, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default)
    {
        lesinger.Enqueue((nameof(HentForOpplysningspliktigAsync), utvalg));
        return indre.HentForOpplysningspliktigAsync(opplysningspliktig, underenhet, startrad, antall, kjentPaa, utvalg, ct);
    }

    public Task<IReadOnlyList<Registerhendelse>> HentHendelserAsync(long fraSekvensnummer, int antall, CancellationToken ct = default) =>
        indre.HentHendelserAsync(fraSekvensnummer, antall, ct);

    public Task<long> SisteSekvensnummerAsync(CancellationToken ct = default) => indre.SisteSekvensnummerAsync(ct);

    public Task<long> TellUanvendteAsync(CancellationToken ct = default) => indre.TellUanvendteAsync(ct);
}

/// <summary>
/// A read-only register of stored documents (<see cref="RegisterJson"/>), read through <see cref="Datautvalg.Les"/>
/// exactly as the SQLite store reads its rows. Holds <see cref="Registereksempel.Maritimt"/> (every element), a
/// second arbeidsforhold of the same person, and one of <see cref="AnnenPerson"/>.
/// </summary>
internal sealed class Eksempelregister : IRegisterStore
{
    public const string AnnenPerson = TestMeldinger.AnnenPerson;
    public const long Id = 3049489;

    private static readonly Bruksperiode Bruk = Registereksempel.AapenBruksperiode;

    private readonly byte[][] _dokumenter =
    [
        RegisterJson.Serialiser(Registereksempel.Maritimt()),
        RegisterJson.Serialiser(Registereksempel.Maritimt() with
        {
            Noekkel = new ArbeidsforholdNoekkel(Registereksempel.Opplysningspliktig, Registereksempel.Underenhet, Registereksempel.Fnr, "AF-3"),
            NavArbeidsforholdId = Id + 1,
            NavUuid = Guid.Parse("0d3a3b0e-77f4-4c53-9f4b-2f1c1f0a0001"),
        }),
        RegisterJson.Serialiser(Registereksempel.Maritimt() with
        {
            Noekkel = new ArbeidsforholdNoekkel(Registereksempel.Opplysningspliktig, Registereksempel.Underenhet, AnnenPerson, "AF-4"),
            NavArbeidsforholdId = Id + 2,
            NavUuid = Guid.Parse("0d3a3b0e-77f4-4c53-9f4b-2f1c1f0a0002"),
        }),
    ];

    private IEnumerable<LagretArbeidsforhold> Les(Datautvalg? utvalg) =>
        _dokumenter.Select(d => new LagretArbeidsforhold(Datautvalg.Les(d, utvalg), Bruk));

    public Task<IReadOnlyList<LagretArbeidsforhold>> HentForPersonAsync(string ident, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<LagretArbeidsforhold>>([.. Les(utvalg).Where(l => l.Arbeidsforhold.Noekkel.Arbeidstaker == ident)]);

    public Task<LagretArbeidsforhold?> HentAsync(long navArbeidsforholdId, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default) =>
        Task.FromResult(Les(utvalg).FirstOrDefault(l => l.Arbeidsforhold.NavArbeidsforholdId == navArbeidsforholdId));

    public Task<LagretArbeidsforhold?> HentAsync(Guid navUuid, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default) =>
        Task.FromResult(Les(utvalg).FirstOrDefault(l => l.Arbeidsforhold.NavUuid == navUuid));

    public Task<IReadOnlyList<LagretArbeidsforhold>> HentVersjonerAsync(long navArbeidsforholdId, CancellationToken ct = default) =>
        HentVersjonerAsync(navArbeidsforholdId, null, ct);

    public Task<IReadOnlyList<LagretArbeidsforhold>> HentVersjonerAsync(long navArbeidsforholdId, Datautvalg? utvalg, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<LagretArbeidsforhold>>([.. Les(utvalg).Where(l => l.Arbeidsforhold.NavArbeidsforholdId == navArbeidsforholdId)]);

    public Task<Registerside> HentForOpplysningspliktigAsync(
        string opplysningspliktig, string? underenhet, int startrad, int antall, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default)
    {
        var alle = Les(utvalg).Where(l => l.Arbeidsforhold.Noekkel.Opplysningspliktig == opplysningspliktig).ToList();
        return Task.FromResult(new Registerside(startrad, alle.Count, [.. alle.Skip(startrad).Take(antall)]));
    }

    public Task<Registerkrav?> KrevAsync(CancellationToken ct = default) => Task.FromResult<Registerkrav?>(null);

    public Task FrigiAsync(Registerkrav krav) => Task.CompletedTask;

    public Task<IReadOnlyList<string>> HentOpplysningspliktigeAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<IReadOnlyList<Registerhendelse>> HentHendelserAsync(long fraSekvensnummer, int antall, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Registerhendelse>>([]);

    public Task<long> SisteSekvensnummerAsync(CancellationToken ct = default) => Task.FromResult(0L);

    public Task<long> TellUanvendteAsync(CancellationToken ct = default) => Task.FromResult(0L);

    public Task<IReadOnlyList<Koelement>> HentGjeldendeAsync(string opplysningspliktig, long tilOgMedKo, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<Guid, byte[]>> HentInnholdAsync(IReadOnlyCollection<Guid> mottaksIder, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<Registertilstand> HentTilstandAsync(string opplysningspliktig, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<Anvendelsesoppsummering> AnvendAsync(Anvendelse anvendelse, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<Anvendelsesoppsummering> AnvendReavledningAsync(Reavledning reavledning, CancellationToken ct = default) => throw new NotSupportedException();
}
