using System.Text.Json.Nodes;
using Aareg.Domain.Register;

namespace Aareg.Storage.Register;

/// <summary>
/// Which parts of an arbeidsforhold a read may load (API §7 data element catalogue, ARCHITECTURE "query with only the
/// allowed data elements"). The store applies it while it reads a stored document: the properties of an element that
/// is not allowed are removed from the JSON before it is deserialised, so they never become objects in the process,
/// let alone reach a mapper. Identification (ids, type, parties, rapporteringsordning, timestamps) is always read.
/// One flag per catalogue element, named as in the catalogue.
/// </summary>
public sealed record Datautvalg
{
    /// <summary>Everything (the register's own work, the person's own insight).</summary>
    public static Datautvalg Alt { get; } = new();

    /// <summary><c>ansettelsesperiode</c>: startdato, sluttdato, varsling and the varsler on that entity.</summary>
    public bool Ansettelsesperiode { get; init; } = true;

    /// <summary><c>sluttaarsak</c> of the ansettelsesperiode.</summary>
    public bool Sluttaarsak { get; init; } = true;

    public bool Yrke { get; init; } = true;

    /// <summary>avtaltStillingsprosent, antallTimerPrUke, arbeidstidsordning, sisteStillingsprosentendring.</summary>
    public bool StillingsprosentOgArbeidstid { get; init; } = true;

    public bool Ansettelsesform { get; init; } = true;

    /// <summary>sisteLoennsendring.</summary>
    public bool Loennsendring { get; init; } = true;

    /// <summary>fartsomraade, skipsregister, fartoeystype.</summary>
    public bool Maritim { get; init; } = true;

    /// <summary>permisjoner, permitteringer and the varsler on them.</summary>
    public bool PermisjonerOgPermitteringer { get; init; } = true;

    public bool TimerMedTimeloenn { get; init; } = true;

    public bool Utenlandsopphold { get; init; } = true;

    /// <summary>Closed ansettelsesdetaljer versions (only the current one is read without it) and technical history.</summary>
    public bool Historikk { get; init; } = true;

    /// <summary>Every sporingsinformasjon object.</summary>
    public bool Sporingsinformasjon { get; init; } = true;

    /// <summary>True when nothing is left out (the document is read as stored).</summary>
    public bool ErAlt =>
        Ansettelsesperiode && Sluttaarsak && Yrke && StillingsprosentOgArbeidstid && Ansettelsesform && Loennsendring
        && Maritim && PermisjonerOgPermitteringer && TimerMedTimeloenn && Utenlandsopphold && Historikk && Sporingsinformasjon;

    /// <summary>
    /// Reads a stored document (<see cref="RegisterJson"/>) with only the parts this selection allows. A null or
    /// full selection reads the document as stored.
    /// </summary>
    public static RegisterArbeidsforhold Les(ReadOnlySpan<byte> json, Datautvalg? utvalg)
    {
        if (utvalg is null || utvalg.ErAlt)
        {
            return RegisterJson.Les(json);
        }

        var dokument = JsonNode.Parse(json) as JsonObject ?? throw new System.Text.Json.JsonException("Arbeidsforholddokumentet er ikke et objekt.");
        utvalg.Fjern(dokument);
        return RegisterJson.Les(System.Text.Encoding.UTF8.GetBytes(dokument.ToJsonString()));
    }

    // Property names are those RegisterJson writes (camelCase of the domain records).
    private void Fjern(JsonObject dokument)
    {
        if (dokument["ansettelsesperiode"] is JsonObject periode)
        {
            if (!Ansettelsesperiode)
            {
                // The object itself is required by the model; its content is not read.
                periode.Remove("startdato");
                periode.Remove("sluttdato");
                periode.Remove("varsling");
            }

            if (!Sluttaarsak)
            {
                periode.Remove("sluttaarsak");
            }
        }

        if (dokument["ansettelsesdetaljer"] is JsonArray detaljer)
        {
            if (!Historikk)
            {
                BeholdGjeldende(detaljer);
            }

            foreach (var d in detaljer.OfType<JsonObject>())
            {
                FjernHvis(d, !Yrke, "yrke");
                FjernHvis(d, !StillingsprosentOgArbeidstid, "avtaltStillingsprosent", "antallTimerPrUke", "arbeidstidsordning", "sisteStillingsprosentendring");
                FjernHvis(d, !Ansettelsesform, "ansettelsesform");
                FjernHvis(d, !Loennsendring, "sisteLoennsendring");
                FjernHvis(d, !Maritim, "fartsomraade", "skipsregister", "fartoeystype");
            }
        }

        FjernHvis(dokument, !PermisjonerOgPermitteringer, "permisjoner", "permitteringer");
        FjernHvis(dokument, !TimerMedTimeloenn, "timerMedTimeloenn");
        FjernHvis(dokument, !Utenlandsopphold, "utenlandsopphold");

        // A varsel belongs to the element of the entity it marks (DOMAIN §6).
        if (dokument["varsler"] is JsonArray varsler)
        {
            foreach (var varsel in varsler.OfType<JsonObject>().ToList())
            {
                var entitet = Enum.TryParse<Varselentitet>(varsel["entitet"]?.GetValue<string>(), ignoreCase: true, out var e) ? e : Varselentitet.Arbeidsforhold;
                var tillatt = entitet switch
                {
                    Varselentitet.Ansettelsesperiode => Ansettelsesperiode,
                    Varselentitet.Permisjon or Varselentitet.Permittering => PermisjonerOgPermitteringer,
                    _ => true,
                };
                if (!tillatt)
                {
                    varsler.Remove(varsel);
                }
            }
        }

        if (!Sporingsinformasjon)
        {
            TomSporing(dokument);
        }
    }

    /// <summary>Keeps the current detail version only: the one without <c>til</c> (DOMAIN §6 rule 3), else the last.</summary>
    private static void BeholdGjeldende(JsonArray detaljer)
    {
        if (detaljer.Count <= 1)
        {
            return;
        }

        var gjeldende = detaljer.OfType<JsonObject>().FirstOrDefault(d => d["rapporteringsmaaneder"] is not JsonObject m || m["til"] is null)
            ?? detaljer[^1];
        foreach (var d in detaljer.ToList())
        {
            if (!ReferenceEquals(d, gjeldende))
            {
                detaljer.Remove(d);
            }
        }
    }

    /// <summary>
    /// Empties every <c>sporing</c> object. It is emptied rather than removed because the model requires the
    /// arbeidsforhold's own; an empty one holds no data.
    /// </summary>
    private static void TomSporing(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject objekt:
                if (objekt.ContainsKey("sporing"))
                {
                    objekt["sporing"] = new JsonObject();
                }

                foreach (var (_, verdi) in objekt)
                {
                    TomSporing(verdi);
                }

                break;
            case JsonArray liste:
                foreach (var verdi in liste)
                {
                    TomSporing(verdi);
                }

                break;
        }
    }

    private static void FjernHvis(JsonObject objekt, bool fjern, params string[] navn)
    {
        if (!fjern)
        {
            return;
        }

        foreach (var n in navn)
        {
            objekt.Remove(n);
        }
    }
}
