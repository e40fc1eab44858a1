using Exchange.Web.Components.Shared;
using Microsoft.Extensions.Caching.Memory;

namespace Exchange.Web.Components.Pages.Deposit;

/// <summary>
/// Deposit addresses' QR codes, drawn once and kept for the next render of the page: drawing and
/// PNG-encoding one is a large part of the page's render (docs/benchmarks.md, section 6). An
/// address never changes and is no secret to the page it is drawn on; the cache is bounded.
/// </summary>
public static class AddressQrCodes
{
    private static readonly MemoryCache Drawn = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public static string DataUri(string address) => Drawn.GetOrCreate(address, entry =>
    {
        entry.Size = 1;
        entry.SlidingExpiration = TimeSpan.FromMinutes(30);
        return QrCodes.DataUri(address);
    })!;
}
