using Exchange.Core;
using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Accounts;

/// <summary>Accounts are made through Identity (register page, create-operator): an email longer than its column is refused with the limit.</summary>
[Integration]
public class BoundedEmailTests
{
    [Fact]
    public async Task The_longest_email_gets_an_account_and_one_character_more_is_refused_with_the_limit()
    {
        await using var app = new ExchangeAppFactory();
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
        var longest = new string('a', Limits.Email - "@example.com".Length) + "@example.com";

        var created = await users.CreateAsync(new ExchangeUser { UserName = longest, Email = longest }, "S3cure-pass!");
        var refused = await users.CreateAsync(new ExchangeUser { UserName = "b" + longest, Email = "b" + longest }, "S3cure-pass!");

        Assert.True(created.Succeeded);
        Assert.Equal($"An email can be at most {Limits.Email} characters.", Assert.Single(refused.Errors).Description);
        await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<Exchange.Core.Data.ExchangeDbContext>>().CreateDbContext();
        var stored = await db.Users.Select(u => u.Email!).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([longest], stored);
        Assert.InRange(stored[0].Length, 1, db.Model.FindEntityType(typeof(ExchangeUser))!.FindProperty(nameof(ExchangeUser.Email))!.GetMaxLength()!.Value);
    }
}
