using Aareg.Domain.Kontroller;

namespace Aareg.Domain.Tests.Kontroller;

internal sealed class FakeEnhetsregister(bool erLastet, params EnhetInfo[] enheter) : IEnhetsregisterOppslag
{
    private readonly Dictionary<string, EnhetInfo> enheter = enheter.ToDictionary(e => e.Orgnr);

    public bool ErLastet { get; } = erLastet;

    public EnhetInfo? Finn(string orgnr) => enheter.GetValueOrDefault(orgnr);

    /// <summary>The test opplysningspliktig as a hovedenhet with the two test virksomheter as its underenheter.</summary>
    public static FakeEnhetsregister Standard(bool erLastet = true) => new(
        erLastet,
        new EnhetInfo(Testdata.Opplysningspliktig, true, null, null, false),
        new EnhetInfo(Testdata.Virksomhet, false, Testdata.Opplysningspliktig, null, false),
        new EnhetInfo(Testdata.AnnenVirksomhet, false, Testdata.Opplysningspliktig, null, false),
        new EnhetInfo(Testdata.FremmedVirksomhet, false, Testdata.FremmedOpplysningspliktig, null, false),
        new EnhetInfo(Testdata.FremmedOpplysningspliktig, true, null, null, false));
}
