using Exchange.Core.Data;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Notices;

/// <summary>A sign-in from a browser the account never used is a security notice; the same browser again is not.</summary>
[Integration]
public sealed class NewDeviceSignInTests : IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly ExchangeAppFactory app = new();

    public async ValueTask InitializeAsync() => await app.CreateAsync("nina@example.com");

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<List<string>> NoticesAsync()
    {
        var userId = await app.UserIdAsync("nina@example.com");
        await using var db = app.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext();
        return await db.Notices.Where(n => n.UserId == userId).OrderBy(n => n.Id).Select(n => n.Type).ToListAsync(Token);
    }

    [Fact]
    public async Task Only_a_sign_in_from_a_second_browser_is_told_to_the_user()
    {
        using var laptop = app.FormClient();
        await laptop.PostLoginAsync("nina@example.com", AccountSteps.Password);
        await laptop.PostLoginAsync("nina@example.com", AccountSteps.Password);
        Assert.Empty(await NoticesAsync());

        using var phone = app.FormClient();
        await phone.PostLoginAsync("nina@example.com", AccountSteps.Password);
        await phone.PostLoginAsync("nina@example.com", AccountSteps.Password);
        await laptop.PostLoginAsync("nina@example.com", AccountSteps.Password);

        Assert.Equal(["security.sign_in_new_device"], await NoticesAsync());
    }
}
