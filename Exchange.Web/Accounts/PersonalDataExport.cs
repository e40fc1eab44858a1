using System.Text.Json;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Exchange.Web.Accounts;

/// <summary>
/// The user's personal data as JSON. Fields are listed one by one rather than read off the user
/// (as Identity's page does, which adds the authenticator key): nothing secret goes out — no
/// password hash, security stamp, authenticator key, recovery code or API key hash — and a field
/// added to the user later stays out until it is added here.
/// </summary>
public sealed class PersonalDataExport(UserManager<ExchangeUser> users, ApiKeys apiKeys)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<byte[]> JsonOfAsync(ExchangeUser user)
    {
        var keys = await apiKeys.OfAsync(user.Id);
        var data = new PersonalData(
            user.Id, user.Email, user.EmailConfirmed, user.TwoFactorEnabled, await users.CountRecoveryCodesAsync(user),
            [.. await users.GetRolesAsync(user)], user.SecurityChangedAt, user.WithdrawalsLockedReason,
            [.. keys.Select(k => new PersonalApiKey(k.Name, k.Prefix, k.Scopes, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.RevokedReason))]);
        return JsonSerializer.SerializeToUtf8Bytes(data, Indented);
    }

    private sealed record PersonalData(
        string Id, string? Email, bool EmailConfirmed, bool TwoFactorEnabled, int RecoveryCodesLeft, IReadOnlyList<string> Roles,
        DateTime? SecurityChangedAt, string? WithdrawalsLockedReason, IReadOnlyList<PersonalApiKey> ApiKeys);

    /// <summary>A key as its list shows it: the prefix tells keys apart, the key itself was never stored.</summary>
    private sealed record PersonalApiKey(
        string Name, string Prefix, string Scopes, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, string? RevokedReason);
}
