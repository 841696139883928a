using System.Security.Cryptography;

namespace Aareg.Storage.Revisjon;

/// <summary>
/// The checkpoint signing key (ECDSA P-256, PEM): the file named by <c>--nokkel</c> or
/// <c>Aareg:Revisjon:Signeringsnokkel</c>, else <c>revisjon-nokkel.pem</c> in the data directory, generated on first
/// use with mode 0600 (only the service account may read it). Verification also accepts a public-key PEM.
/// </summary>
public static class Revisjonsnokkel
{
    public const string Filnavn = "revisjon-nokkel.pem";

    public static string Sti(string? oppgitt, string datamappe) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(oppgitt) ? Path.Combine(datamappe, Filnavn) : oppgitt);

    /// <summary>The signing key; generated and stored when no file is named and the default file does not exist.</summary>
    public static ECDsa LastEllerLag(string? oppgitt, string datamappe)
    {
        var sti = Sti(oppgitt, datamappe);
        if (File.Exists(sti) || !string.IsNullOrWhiteSpace(oppgitt))
        {
            return Last(sti);
        }

        var nokkel = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.GetDirectoryName(sti)!);
        var valg = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            valg.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var ut = new StreamWriter(sti, System.Text.Encoding.ASCII, valg))
        {
            ut.Write(nokkel.ExportPkcs8PrivateKeyPem());
        }

        return nokkel;
    }

    /// <summary>A private or public key from a PEM file; throws when it is missing or not P-256.</summary>
    public static ECDsa Last(string sti)
    {
        if (!File.Exists(sti))
        {
            throw new FileNotFoundException("Fant ikke signeringsnøkkelen for revisjonsloggen.", sti);
        }

        var nokkel = ECDsa.Create();
        try
        {
            nokkel.ImportFromPem(File.ReadAllText(sti));
            if (nokkel.KeySize != 256)
            {
                throw new CryptographicException("Signeringsnøkkelen for revisjonsloggen må være ECDSA P-256.");
            }

            return nokkel;
        }
        catch
        {
            nokkel.Dispose();
            throw;
        }
    }

    public static string OffentligPem(ECDsa nokkel)
    {
        ArgumentNullException.ThrowIfNull(nokkel);
        return nokkel.ExportSubjectPublicKeyInfoPem();
    }
}
