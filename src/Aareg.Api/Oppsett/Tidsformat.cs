using System.Globalization;

namespace Aareg.Api.Oppsett;

/// <summary>
/// Date-times in API output are Norwegian local time to milliseconds without offset (DOMAIN §5:
/// <c>2021-02-01T01:03:45.153</c>), as today's consumers expect.
/// </summary>
public static class Tidsformat
{
    private static readonly TimeZoneInfo Norge = Finn();

    public static string Lokal(DateTimeOffset tidspunkt) =>
        TimeZoneInfo.ConvertTime(tidspunkt, Norge).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static TimeZoneInfo Finn()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
