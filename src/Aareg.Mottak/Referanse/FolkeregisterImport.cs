using System.Text.Json;
using Aareg.Storage.Referanse;

namespace Aareg.Mottak.Referanse;

/// <summary>What one Folkeregister file changed.</summary>
/// <param name="Avvist">Lines of an unknown type or with a missing or malformed field (never their contents: they hold idents).</param>
public sealed record FolkeregisterImportresultat(int Identbytter, int Adressebeskyttelser, int Avvist);

/// <summary>
/// Imports Folkeregister events (DOMAIN §3; format in docs/referansedata.md): JSON lines of <c>identbytte</c> and
/// <c>adressebeskyttelse</c>, streamed line by line in one transaction. Both are upserts, so re-import is a no-op.
/// </summary>
public sealed class FolkeregisterImport(IReferanseStore store, TimeProvider tid)
{
    /// <summary>The graderinger Folkeregisteret uses; <c>ugradert</c> lifts an earlier protection.</summary>
    public static readonly IReadOnlySet<string> Graderinger = new HashSet<string>(StringComparer.Ordinal)
    {
        "fortrolig", "strengtFortrolig", "strengtFortroligUtland", Folkeregister.Ugradert,
    };

    public async Task<FolkeregisterImportresultat> ImporterFilAsync(string sti, CancellationToken ct = default)
    {
        await using var stroem = EnhetsregisterImport.Aapne(sti);
        return await ImporterAsync(stroem, ct);
    }

    public async Task<FolkeregisterImportresultat> ImporterAsync(Stream jsonLinjer, CancellationToken ct = default)
    {
        int bytter = 0, beskyttelser = 0, avvist = 0;
        await using var import = await store.StartImportAsync(DateOnly.FromDateTime(tid.GetLocalNow().DateTime), ct);
        var hendelser = JsonSerializer.DeserializeAsyncEnumerable(jsonLinjer, ReferanseJsonKontekst.Default.FolkeregisterhendelseJson, topLevelValues: true, ct);
        await foreach (var h in hendelser)
        {
            switch (h)
            {
                case { Type: "identbytte", GammelIdent: { } gammel, NyIdent: { } ny, Dato: { } dato }
                    when ErIdent(gammel) && ErIdent(ny) && gammel != ny:
                    import.LagreIdentbytte(new Identbytte(gammel, ny, dato));
                    bytter++;
                    break;
                case { Type: "adressebeskyttelse", Ident: { } ident, Gradering: { } gradering, Dato: { } dato }
                    when ErIdent(ident) && Graderinger.Contains(gradering):
                    import.LagreAdressebeskyttelse(new Adressebeskyttelse(ident, gradering, dato));
                    beskyttelser++;
                    break;
                default:
                    avvist++;
                    break;
            }
        }

        await import.CommitAsync(ct);
        return new FolkeregisterImportresultat(bytter, beskyttelser, avvist);
    }

    private static bool ErIdent(string ident) => ident.Length == 11 && ident.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}
