using System.Security.Claims;
using System.Security.Cryptography;
using Exchange.Core.Data;
using Exchange.Core.Notices;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Web.Notices;

/// <summary>
/// Recognises the browser a user signs in from by a long-lived random cookie, stored per user only as
/// its SHA-256 with the last address. A sign-in from a browser the user never signed in from (while
/// another one is known) writes a <c>security.sign_in_new_device</c> notice with the new browser's row.
/// One indexed read per sign-in; the row's last sight is written at most hourly.
/// </summary>
public sealed class NewDeviceSignIns(IDbContextFactory<ExchangeDbContext> contexts, TimeProvider time, IHostEnvironment environment)
{
    public const string CookieName = "exchange-device";
    private static readonly TimeSpan Remembered = TimeSpan.FromDays(400);
    private static readonly TimeSpan SeenAgainAfter = TimeSpan.FromHours(1);

    public async Task OnSignedInAsync(CookieSignedInContext context)
    {
        if (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return;
        var http = context.HttpContext;
        var token = http.Request.Cookies[CookieName];
        if (token is not { Length: 43 })
        {
            token = Base64Url(RandomNumberGenerator.GetBytes(32));
            http.Response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true, Secure = !environment.IsDevelopment(), SameSite = SameSiteMode.Lax, IsEssential = true,
                MaxAge = Remembered, Path = "/",
            });
        }
        await RecordAsync(userId, Hash(token), http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), http.RequestAborted);
    }

    private async Task RecordAsync(string userId, string hash, string? address, string browser, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        var device = await db.KnownDevices.SingleOrDefaultAsync(d => d.UserId == userId && d.DeviceHash == hash, cancellationToken);
        if (device is not null)
        {
            if (now - device.LastSeenAt < SeenAgainAfter && device.LastAddress == address) return;
            (device.LastSeenAt, device.LastAddress) = (now, address);
        }
        else
        {
            // The first browser an account signs in from (at registration) is no news.
            if (await db.KnownDevices.AnyAsync(d => d.UserId == userId, cancellationToken))
                NoticeLog.Add(db, NoticeTypes.SignInNewDevice, userId, new NoticeData().With("address", address).With("browser", Exchange.Core.Limits.Fit(browser, 200)), now);
            db.KnownDevices.Add(KnownDevice.First(userId, hash, address, now));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same browser's two sign-ins at once: the other one recorded it.
        }
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(bytes);
}
