using Aareg.Api.Oppslag;
using Aareg.Api.Oppsett;
using Aareg.Domain.Identer;
using Aareg.Domain.Kodeverk;
using Aareg.Mottak.Referanse;
using Aareg.Storage.Register;
using Aareg.Storage.Revisjon;
using Aareg.Storage.Tilgang;
using Aareg.Tilgang;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Aareg.Api.Endpoints;

/// <summary>
/// Employer self-service, "Mine ansatte" (API §8): a person who holds a role in Enhetsregisteret (DOMAIN §3), or a
/// delegation in force, for the unit or its overordnet enhet sees the unit's employees' arbeidsforhold. Every person shown is audited (channel
/// ARBEIDSGIVER, the acting person as <c>Bruker</c>, the unit as <c>Konsument</c>).
/// </summary>
public static class ArbeidsgiverApi
{
    public const string Kanal = "ARBEIDSGIVER";

    /// <summary>The roles that act for a unit (DOMAIN §3; API §8 "§7 roles or INNH").</summary>
    public static readonly IReadOnlySet<string> Roller = new HashSet<string>(StringComparer.Ordinal)
    {
        "DAGL", "LEDE", "KOMP", "DTPR", "DTSO", "BEST", "REPR", "INNH",
    };

    public static IEndpointRouteBuilder MapArbeidsgiverApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/arbeidsgiver/arbeidsforhold", HentAsync)
            .WithTags("Arbeidsgiver")
            .RequireAuthorization()
            .WithName("HentMineAnsattesArbeidsforhold")
            .WithSummary("Mine ansatte: arbeidsforholdene i en enhet jeg har rolle i")
            .WithDescription("""
                Arbeidsforholdene i enheten i `Nav-Arbeidsgiverident` (underenhet eller hovedenhet), for en person
                (`pid`, `acr` minst `idporten-loa-substantial`) med rolle DAGL, LEDE, KOMP, DTPR, DTSO, BEST, REPR eller
                INNH i enheten eller dens overordnede enhet, eller med en gjeldende delegering for enheten eller den
                overordnede enheten (`/api/v1/rettigheter/delegeringer`). Hvert oppslag revisjonslogges per arbeidstaker.
                """)
            .Produces<IReadOnlyList<ArbeidsforholdDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<JsonHttpResult<IReadOnlyList<ArbeidsforholdDto>>, ProblemHttpResult>> HentAsync(
        HttpContext http,
        [FromHeader(Name = "Nav-Arbeidsgiverident")] string? arbeidsgiverident,
        IRegisterStore store,
        Enhetsregister enhetsregister,
        Folkeregister folkeregister,
        IKodeverk kodeverk,
        IRevisjonslogg revisjon,
        IDelegeringStore delegeringer,
        TimeProvider tid,
        CancellationToken ct)
    {
        if (InnsynApi.Person(http) is not { } pid)
        {
            return InnsynApi.Avvist(http);
        }

        if (!Organisasjonsnummer.TryParse(arbeidsgiverident?.Trim(), out var orgnr))
        {
            return Problemer.UgyldigForespoersel(
                http,
                "Ugyldige parametere.",
                new Dictionary<string, string[]> { ["Nav-Arbeidsgiverident"] = ["Nav-Arbeidsgiverident må være et gyldig organisasjonsnummer."] });
        }

        var enhet = enhetsregister.Finn(orgnr.Verdi);
        var overordnet = enhet is { ErHovedenhet: false, OverordnetEnhet: { } o } ? o : null;
        var roller = (await enhetsregister.RollerForAsync(pid, orgnr.Verdi, ct)).ToList();
        if (overordnet is not null)
        {
            roller.AddRange(await enhetsregister.RollerForAsync(pid, overordnet, ct));
        }

        var begrunnelse = roller.Any(Roller.Contains)
            ? "rolle " + string.Join(",", roller.Where(Roller.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            : null;
        if (begrunnelse is null)
        {
            // API §8 "or a delegated right for that unit": a delegation in force, for the unit or its overordnet
            // enhet, to any of the person's idents.
            var identer = folkeregister.AlleIdenter(pid).Select(i => i.Ident).Append(pid).Distinct(StringComparer.Ordinal).ToArray();
            var delegering = await delegeringer.FinnGjeldendeAsync(orgnr.Verdi, identer, ct)
                ?? (overordnet is null ? null : await delegeringer.FinnGjeldendeAsync(overordnet, identer, ct));
            begrunnelse = delegering is null ? null : "delegering " + delegering.Id;
        }

        if (begrunnelse is null)
        {
            return Problemer.IkkeTilgang(http, Feilkoder.IkkeTilgang, "Du har ingen rolle eller delegert rettighet i enheten som gir innsyn i arbeidsforholdene.");
        }

        var side = overordnet is not null
            ? await store.HentForOpplysningspliktigAsync(overordnet, orgnr.Verdi, 0, int.MaxValue, ct: ct)
            : await store.HentForOpplysningspliktigAsync(orgnr.Verdi, null, 0, int.MaxValue, ct: ct);

        var mapper = new ArbeidsforholdMapper(kodeverk);
        var valg = new Oppslagsvalg { Historikk = false, Sporingsinformasjon = true, Dataelementer = Dataelementkatalog.Alle };
        var svar = new List<ArbeidsforholdDto>(side.Arbeidsforhold.Count);
        foreach (var lagret in side.Arbeidsforhold)
        {
            var identer = folkeregister.AlleIdenter(lagret.Arbeidsforhold.Noekkel.Arbeidstaker)
                .Select(i => new Personidentversjon(i.Ident, i.Gjeldende)).ToList();
            svar.Add(mapper.Map(lagret, identer, valg));
        }

        // One record per person shown, written before the answer (API §8).
        var naa = tid.GetUtcNow();
        var poster = side.Arbeidsforhold
            .GroupBy(l => l.Arbeidsforhold.Noekkel.Arbeidstaker, StringComparer.Ordinal)
            .Select(g => new Oppslagsrevisjon(
                Tidspunkt: naa,
                Personident: g.Key,
                Konsument: orgnr.Verdi,
                Databehandler: null,
                Bruker: pid,
                Formaal: "arbeidsgiver",
                Saksreferanse: null,
                AvtaleId: null,
                Avtaleversjon: null,
                Operasjon: "arbeidsgiver-arbeidsforhold",
                Kanal: Kanal,
                Filtre: null,
                AntallArbeidsforhold: g.Count(),
                Beslutning: Revisjonsbeslutning.Tillatt,
                Begrunnelse: begrunnelse,
                Korrelasjonsid: Korrelasjon.Hent(http),
                SkjultForPerson: false))
            .ToList();
        await revisjon.SkrivAsync(poster, ct);
        return TypedResults.Json<IReadOnlyList<ArbeidsforholdDto>>(svar, OppslagSerialisering.Type<IReadOnlyList<ArbeidsforholdDto>>());
    }
}
