using Microsoft.AspNetCore.Identity;

namespace Exchange.Core.Accounts;

/// <summary>Identity checks an email's form, not its length: one longer than its column is refused here, for every way an account is made or changed.</summary>
public sealed class BoundedUserValidator : IUserValidator<ExchangeUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<ExchangeUser> manager, ExchangeUser user) =>
        Task.FromResult(user.Email?.Length > Limits.Email || user.UserName?.Length > Limits.Email
            ? IdentityResult.Failed(new IdentityError { Code = "EmailTooLong", Description = $"An email can be at most {Limits.Email} characters." })
            : IdentityResult.Success);
}
