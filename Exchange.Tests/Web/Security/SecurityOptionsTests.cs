using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Web.Security;

/// <summary>Security settings that make no sense stop the app at start, naming the setting.</summary>
[Integration]
public sealed class SecurityOptionsTests
{
    [Theory]
    [InlineData("Security:MaxFailedAttempts", "0", "Security:MaxFailedAttempts must be 1 to 100.")]
    [InlineData("Security:LockoutMinutes", "0", "Security:LockoutMinutes must be 1 to 43200 (30 days).")]
    [InlineData("Security:KnownProxies:0", "proxy.local", "Security:KnownProxies: 'proxy.local' is not an IP address.")]
    [InlineData("Security:RateLimits:SignInPerMinute", "0", "Security:RateLimits:SignInPerMinute must be at least 1.")]
    public async Task A_bad_setting_stops_the_start_with_its_name(string key, string value, string message)
    {
        await using var app = new ExchangeAppFactory { Settings = new() { [key] = value } };

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains(message, error.Failures);
    }
}
