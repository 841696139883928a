namespace Aareg.Domain.Kodeverk;

/// <summary>
/// The curated yrkeskoder (DOMAIN §8, Yrker): common 7-digit occupation codes with their titles. Codes outside this
/// list are still valid when their first four digits are a STYRK-08 unit group (<see cref="Styrk08"/>); the list
/// exists to give the usual titles a precise description.
/// </summary>
/// <remarks>
/// The first four entries are the examples of DOMAIN §8 and are kept verbatim. Their prefixes come from the older
/// yrkeskode numbering (1210 and 1228 are not STYRK-08 unit groups, 5132 and 3431 are other occupations there), so
/// they are valid only because they are curated. The rest are the product's own codes: a STYRK-08 unit group
/// followed by a three-digit serial number.
/// </remarks>
internal static class Yrkeskoder
{
    public static IReadOnlyList<(string Kode, string Tittel)> Kuraterte { get; } =
    [
        ("1210147", "Styrer (barnehage)"),
        ("1228103", "Sjefsykepleier"),
        ("5132121", "Helsefagarbeider"),
        ("3431101", "Administrasjonssekretær"),
        ("1120101", "Daglig leder"),
        ("2211101", "Lege (allmennpraktiserende)"),
        ("2221101", "Sykepleier"),
        ("2264101", "Fysioterapeut"),
        ("2330101", "Lektor (videregående skole)"),
        ("2341101", "Lærer (grunnskole)"),
        ("2342101", "Barnehagelærer"),
        ("2411101", "Revisor"),
        ("2423101", "HR-rådgiver"),
        ("2512101", "IT-utvikler"),
        ("2635101", "Sosionom"),
        ("3151101", "Maskinsjef (skip)"),
        ("3152101", "Skipsfører"),
        ("3313101", "Regnskapsfører"),
        ("3322101", "Selger"),
        ("3512101", "IT-brukerstøtte"),
        ("4110101", "Kontormedarbeider"),
        ("4313101", "Lønnsmedarbeider"),
        ("4321101", "Lagermedarbeider"),
        ("5120101", "Kokk"),
        ("5131101", "Servitør"),
        ("5153101", "Vaktmester"),
        ("5222101", "Butikksjef"),
        ("5223101", "Butikkmedarbeider"),
        ("5230101", "Kassamedarbeider"),
        ("5311101", "Barnehageassistent"),
        ("5322101", "Omsorgsarbeider (hjemmetjeneste)"),
        ("5412101", "Politibetjent"),
        ("5414101", "Vekter"),
        ("7112101", "Murer"),
        ("7115101", "Tømrer"),
        ("7115102", "Snekker"),
        ("7126101", "Rørlegger"),
        ("7131101", "Maler"),
        ("7212101", "Sveiser"),
        ("7231101", "Bilmekaniker"),
        ("7411101", "Elektriker"),
        ("8322101", "Sjåfør"),
        ("8331101", "Bussjåfør"),
        ("8332101", "Lastebilsjåfør"),
        ("8344101", "Truckfører"),
        ("8350101", "Matros"),
        ("9112101", "Renholder"),
        ("9412101", "Kjøkkenassistent"),
    ];
}
