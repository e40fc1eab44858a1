using System.Net;
using System.Security.Claims;
using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Web.Accounts;

/// <summary>When a sign-in made earlier stops standing: what open pages and the login cookie are checked against.</summary>
[Integration]
public sealed class SessionValidityTests(ExchangeAppFactory app) : IClassFixture<ExchangeAppFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<T> WithUserAsync<T>(string email, Func<UserManager<ExchangeUser>, ExchangeUser, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
        return await act(users, (await users.FindByEmailAsync(email))!);
    }

    /// <summary>A sign-in of the user as the login makes it (with the stamp and roles of now).</summary>
    private async Task<ClaimsPrincipal> SignInOfAsync(string email, bool isOperator = false)
    {
        await app.CreateAsync(email, isOperator);
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ExchangeUser>>();
        return await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByEmailAsync(email))!);
    }

    private async Task<bool> HoldsAsync(ClaimsPrincipal principal)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionValidity>().HoldsAsync(principal);
    }

    [Fact]
    public async Task A_sign_in_stands_while_nothing_changed_and_after_a_role_was_added()
    {
        var principal = await SignInOfAsync("steady@example.com");
        await app.CreateAsync("colleague@example.com", isOperator: true); // the role exists from here on

        await WithUserAsync("steady@example.com", (users, user) => users.AddToRoleAsync(user, Roles.Operator));

        Assert.True(await HoldsAsync(principal));
    }

    [Fact]
    public async Task A_new_security_stamp_ends_it()
    {
        var principal = await SignInOfAsync("stamp@example.com");

        await WithUserAsync("stamp@example.com", (users, user) => users.ChangePasswordAsync(user, AccountSteps.Password, "Another-pass-456"));

        Assert.False(await HoldsAsync(principal));
    }

    [Fact]
    public async Task A_lockout_ends_it()
    {
        var principal = await SignInOfAsync("locked@example.com");

        await WithUserAsync("locked@example.com", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15)));

        Assert.False(await HoldsAsync(principal));
    }

    [Fact]
    public async Task Deleting_the_user_ends_it()
    {
        var principal = await SignInOfAsync("deleted@example.com");

        await WithUserAsync("deleted@example.com", (users, user) => users.DeleteAsync(user));

        Assert.False(await HoldsAsync(principal));
    }

    [Fact]
    public async Task Taking_the_operator_role_away_ends_an_operators_sign_in()
    {
        var principal = await SignInOfAsync("demoted@example.com", isOperator: true);
        Assert.True(principal.IsInRole(Roles.Operator));

        await WithUserAsync("demoted@example.com", (users, user) => users.RemoveFromRoleAsync(user, Roles.Operator));

        Assert.False(await HoldsAsync(principal));
    }

    [Fact]
    public async Task The_login_cookie_of_a_locked_out_user_is_refused_at_its_next_check()
    {
        await using var quick = new ExchangeAppFactory { Settings = { ["Security:RevalidateInterval"] = "00:00:01" } };
        await quick.CreateAsync("cookie@example.com");
        var client = await quick.LoggedInClientAsync("cookie@example.com");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/balances", Token)).StatusCode);

        await using (var scope = quick.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync("cookie@example.com"))!, DateTimeOffset.UtcNow.AddMinutes(15));
        }
        await Task.Delay(TimeSpan.FromSeconds(2), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/balances", Token)).StatusCode);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("02:00:00")]
    public async Task A_revalidate_interval_out_of_range_stops_the_start_with_its_name(string interval)
    {
        await using var bad = new ExchangeAppFactory { Settings = { ["Security:RevalidateInterval"] = interval } };

        var error = Assert.Throws<OptionsValidationException>(() => bad.Services);

        Assert.Contains("Security:RevalidateInterval must be from 00:00:01 to 01:00:00.", error.Failures);
    }
}
