using System.Net;
using System.Text.Json;
using Aareg.Api.Tests.Oppslag;
using Aareg.Api.Tilgang;
using Aareg.Mottak.Referanse;
using Aareg.Storage.Referanse;
using Aareg.Storage.Revisjon;
using Microsoft.Extensions.DependencyInjection;

namespace Aareg.Api.Tests.Tilgang;

/// <summary>
/// API §8 (one audit record per person looked up, written before the answer, fail closed), the population rule of
/// address protection (DOMAIN §3), and the rate limit (API Errors: 429 with <c>Retry-After</c>).
/// </summary>
public sealed class RevisjonOgPopulasjonTests : IAsyncLifetime
{
    private const string Konsument = "987574917";
    private const string Person = Registereksempel.Fnr;
    private const string Beskyttet = Eksempelregister.AnnenPerson;

    private readonly AaregFabrikk _fabrikk = new();

    public async ValueTask InitializeAsync()
    {
        _fabrikk.Tilgang.Isolert = true;
        _fabrikk.Tilgang.Register = new Eksempelregister();
        _fabrikk.Tilgang.Avtaler.Sett(Testtilgang.Avtale(Konsument));
        _ = _fabrikk.Server;
        var referanse = _fabrikk.Services.GetRequiredService<IReferanseStore>();
        await using (var import = await referanse.StartImportAsync(new DateOnly(2025, 1, 1), TestContext.Current.CancellationToken))
        {
            import.LagreAdressebeskyttelse(new Adressebeskyttelse(Beskyttet, "strengtFortrolig", new DateOnly(2024, 6, 1)));
            await import.CommitAsync(TestContext.Current.CancellationToken);
        }

        await _fabrikk.Services.GetRequiredService<Folkeregister>().LastAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _fabrikk.DisposeAsync();

    private List<Oppslagsrevisjon> Poster => [.. _fabrikk.Tilgang.Revisjon.Poster];

    private async Task<(HttpStatusCode Status, string Tekst, HttpResponseMessage Svar)> HentAsync(string sti, string header, string verdi, string? konsument = Konsument)
    {
        using var klient = await _fabrikk.KlientAsync(Aareg.Tilgang.Scopes.Arbeidsforhold, consumer: konsument);
        using var forespoersel = new HttpRequestMessage(HttpMethod.Get, sti);
        forespoersel.Headers.Add(header, verdi);
        forespoersel.Headers.Add(Tilgangskontroll.SaksreferanseHeader, "SAK-1");
        var svar = await klient.SendAsync(forespoersel, TestContext.Current.CancellationToken);
        return (svar.StatusCode, await svar.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), svar);
    }

    private Task<(HttpStatusCode Status, string Tekst, HttpResponseMessage Svar)> PersonAsync(string ident) =>
        HentAsync("/api/v2/arbeidstaker/arbeidsforhold", "Nav-Personident", ident);

    private Task<(HttpStatusCode Status, string Tekst, HttpResponseMessage Svar)> OversiktAsync() =>
        HentAsync("/api/v1/opplysningspliktig/arbeidsforholdoversikt?status=ALLE", "Nav-Opplysningspliktigident", Registereksempel.Opplysningspliktig);

    [Fact]
    public async Task A_person_lookup_writes_one_permit_record_naming_the_agreement_and_request()
    {
        var (status, _, svar) = await PersonAsync(Person);
        svar.Dispose();

        Assert.Equal(HttpStatusCode.OK, status);
        var post = Assert.Single(Poster);
        Assert.Equal((Person, Konsument, "avtale-" + Konsument, (int?)1), (post.Personident, post.Konsument, post.AvtaleId, post.Avtaleversjon));
        Assert.Equal((Revisjonsbeslutning.Tillatt, 2, "API", "HentArbeidsforholdForArbeidstaker"), (post.Beslutning, post.AntallArbeidsforhold, post.Kanal, post.Operasjon));
        Assert.Equal((Testtilgang.Formaal, "SAK-1"), (post.Formaal, post.Saksreferanse));
        Assert.False(string.IsNullOrEmpty(post.Korrelasjonsid));
    }

    [Fact]
    public async Task An_employer_overview_writes_one_record_per_distinct_person()
    {
        _fabrikk.Tilgang.Avtaler.Sett(Testtilgang.Avtale(Konsument) with { SeAdressebeskyttede = true });

        var (status, tekst, svar) = await OversiktAsync();
        svar.Dispose();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, JsonDocument.Parse(tekst).RootElement.GetProperty("arbeidsforholdoversikter").GetArrayLength());
        Assert.Equal(
            [(Person, 2), (Beskyttet, 1)],
            Poster.Where(p => p.Beslutning == Revisjonsbeslutning.Tillatt).Select(p => (p.Personident, p.AntallArbeidsforhold)).OrderBy(p => p.Personident == Beskyttet));
        Assert.Equal(2, Poster.Count);
    }

    [Fact]
    public async Task A_refused_lookup_is_audited_as_a_deny_for_the_person()
    {
        var (status, _, svar) = await HentAsync("/api/v2/arbeidstaker/arbeidsforhold", "Nav-Personident", Person, konsument: "893786570");
        svar.Dispose();

        Assert.Equal(HttpStatusCode.Forbidden, status);
        var post = Assert.Single(Poster);
        Assert.Equal((Person, Revisjonsbeslutning.Avslaatt, Tilgangskoder.Avtale, 0), (post.Personident, post.Beslutning, post.Begrunnelse, post.AntallArbeidsforhold));
    }

    [Fact]
    public async Task The_lookup_is_refused_without_data_when_the_audit_cannot_be_written()
    {
        _fabrikk.Tilgang.Revisjon.Feiler = true;

        foreach (var (status, tekst, svar) in new[] { await PersonAsync(Person), await OversiktAsync() })
        {
            svar.Dispose();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            using var json = JsonDocument.Parse(tekst);
            Assert.Equal(Tilgangskoder.Revisjon, json.RootElement.GetProperty("kode").GetString());
            Assert.DoesNotContain(Eksempelregister.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), tekst, StringComparison.Ordinal);
            Assert.DoesNotContain(Person, tekst, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_protected_person_is_left_out_without_the_right_and_the_deny_audited()
    {
        var (status, tekst, svar) = await PersonAsync(Beskyttet);
        svar.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("[]", tekst);
        var post = Assert.Single(Poster);
        Assert.Equal((Beskyttet, Revisjonsbeslutning.Avslaatt, Tilgangskoder.Adressebeskyttelse), (post.Personident, post.Beslutning, post.Begrunnelse));
        Assert.DoesNotContain(_fabrikk.Tilgang.Registerlesinger, l => l.Metode == "HentForPersonAsync");

        (status, tekst, svar) = await OversiktAsync();
        svar.Dispose();
        var oversikt = JsonDocument.Parse(tekst).RootElement;
        Assert.Equal(2, oversikt.GetProperty("totalAntall").GetInt32());
        Assert.DoesNotContain(Beskyttet, tekst, StringComparison.Ordinal);
        Assert.Contains(Poster.Skip(1), p => p.Personident == Beskyttet && p.Beslutning == Revisjonsbeslutning.Avslaatt);

        (status, _, svar) = await HentAsync($"/api/v2/arbeidsforhold/{Eksempelregister.Id + 2}", "X-Ingen", "x");
        svar.Dispose();
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_protected_person_is_included_for_an_agreement_with_the_right()
    {
        _fabrikk.Tilgang.Avtaler.Sett(Testtilgang.Avtale(Konsument) with { SeAdressebeskyttede = true });

        var (status, tekst, svar) = await PersonAsync(Beskyttet);
        svar.Dispose();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, JsonDocument.Parse(tekst).RootElement.GetArrayLength());
        Assert.Equal(Revisjonsbeslutning.Tillatt, Assert.Single(Poster).Beslutning);
    }

    [Fact]
    public async Task Exceeding_the_agreed_rate_gives_429_with_retry_after()
    {
        _fabrikk.Tilgang.Avtaler.Sett(Testtilgang.Avtale(Konsument) with { MaksOppslagPerMinutt = 2 });

        var statuser = new List<HttpStatusCode>();
        HttpResponseMessage? siste = null;
        for (var i = 0; i < 3; i++)
        {
            siste?.Dispose();
            (var status, _, siste) = await PersonAsync(Person);
            statuser.Add(status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuser);
        var vent = siste!.Headers.RetryAfter?.Delta;
        Assert.NotNull(vent);
        Assert.InRange(vent.Value.TotalSeconds, 1, 60);
        Assert.Equal(2, Poster.Count);
        siste.Dispose();
    }
}
