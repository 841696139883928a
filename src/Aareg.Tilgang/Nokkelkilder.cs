using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Aareg.Tilgang;

/// <summary>Turns an issuer's configured key material into validation keys (API.md §9: JWKS or signing keys).</summary>
internal static class Nokkelkilder
{
    /// <summary>Shorter RSA keys are refused (NIST SP 800-57: 2048 bits minimum).</summary>
    private const int MinsteRsaBiter = 2048;

    public static IReadOnlyList<SecurityKey> FraJwksFil(string navn, string sti)
    {
        string json;
        try
        {
            json = File.ReadAllText(sti);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Utsteder '{navn}': JWKS-filen {sti} kan ikke leses.", e);
        }

        IList<SecurityKey> nokler;
        try
        {
            nokler = new JsonWebKeySet(json).GetSigningKeys();
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"Utsteder '{navn}': JWKS-filen {sti} er ikke et gyldig JWKS-dokument.", e);
        }

        if (nokler.Count == 0)
        {
            throw new InvalidOperationException($"Utsteder '{navn}': JWKS-filen {sti} har ingen signeringsnøkler.");
        }

        return [.. nokler];
    }

    /// <summary>One or more PEM blocks: <c>PUBLIC KEY</c> (RSA or EC), <c>RSA PUBLIC KEY</c> or <c>CERTIFICATE</c>.</summary>
    public static IReadOnlyList<SecurityKey> FraPem(string navn, string pem)
    {
        var nokler = new List<SecurityKey>();
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var felt))
        {
            var blokk = rest[felt.Location].ToString();
            var etikett = rest[felt.Label].ToString();
            nokler.Add(etikett switch
            {
                "CERTIFICATE" => FraSertifikat(navn, blokk),
                "PUBLIC KEY" or "RSA PUBLIC KEY" => FraOffentligNokkel(navn, blokk),
                _ => throw new InvalidOperationException(
                    $"Utsteder '{navn}': PEM-blokken '{etikett}' støttes ikke; oppgi bare offentlige nøkler eller sertifikater."),
            });
            rest = rest[felt.Location.End..];
        }

        if (nokler.Count == 0)
        {
            throw new InvalidOperationException($"Utsteder '{navn}': SigningKeysPem inneholder ingen PEM-blokker.");
        }

        return nokler;
    }

    /// <summary>
    /// The JWKS is fetched on first use and cached by the configuration manager (refreshed daily, and at most every
    /// five minutes when a token names an unknown <c>kid</c>, which is how issuers roll keys).
    /// </summary>
    public static ConfigurationManager<OpenIdConnectConfiguration> FraJwksUri(string issuer, Uri uri)
    {
        var henter = new HttpDocumentRetriever { RequireHttps = !uri.IsLoopback };
        return new ConfigurationManager<OpenIdConnectConfiguration>(uri.ToString(), new JwksHenter(issuer), henter);
    }

    private static SecurityKey FraSertifikat(string navn, string blokk)
    {
        using var sertifikat = X509Certificate2.CreateFromPem(blokk);
        if (sertifikat.GetRSAPublicKey() is { } rsa)
        {
            return RsaNokkel(navn, rsa);
        }

        if (sertifikat.GetECDsaPublicKey() is { } ec)
        {
            return new ECDsaSecurityKey(ec);
        }

        throw new InvalidOperationException($"Utsteder '{navn}': sertifikatet har verken RSA- eller EC-nøkkel.");
    }

    private static SecurityKey FraOffentligNokkel(string navn, string blokk)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(blokk);
            return RsaNokkel(navn, rsa);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(blokk);
            return new ECDsaSecurityKey(ec);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            ec.Dispose();
            throw new InvalidOperationException($"Utsteder '{navn}': en PEM-nøkkel er verken RSA eller EC.", e);
        }
    }

    private static RsaSecurityKey RsaNokkel(string navn, RSA rsa)
    {
        if (rsa.KeySize < MinsteRsaBiter)
        {
            throw new InvalidOperationException($"Utsteder '{navn}': RSA-nøkkelen er kortere enn {MinsteRsaBiter} biter.");
        }

        return new RsaSecurityKey(rsa);
    }

    /// <summary>Reads a bare JWKS document (not an OpenID discovery document) into a configuration.</summary>
    private sealed class JwksHenter(string issuer) : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(
            string address,
            IDocumentRetriever retriever,
            CancellationToken cancel)
        {
            var json = await retriever.GetDocumentAsync(address, cancel);
            var sett = new JsonWebKeySet(json);
            var konfigurasjon = new OpenIdConnectConfiguration { Issuer = issuer, JsonWebKeySet = sett };
            foreach (var nokkel in sett.GetSigningKeys())
            {
                konfigurasjon.SigningKeys.Add(nokkel);
            }

            return konfigurasjon;
        }
    }
}
