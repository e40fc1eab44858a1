using Exchange.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Web.Accounts;

/// <summary>
/// Encrypts the authenticator keys and recovery codes written before they were stored encrypted.
/// Each row is replaced only if it still holds the plain value read, so a node running this at the
/// same moment, or a user resetting their key meanwhile, is never overwritten.
/// </summary>
public sealed class TwoFactorSecretsUpgrade(IDbContextFactory<ExchangeDbContext> contexts, TwoFactorSecrets secrets, ILogger<TwoFactorSecretsUpgrade> log)
    : IDataUpgrade
{
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plain = await db.UserTokens.AsNoTracking()
            .Where(t => t.LoginProvider == TwoFactorSecrets.StoreProvider && TwoFactorSecrets.Names.Contains(t.Name)
                && t.Value != null && t.Value != "" && !t.Value.StartsWith(TwoFactorSecrets.Marker))
            .ToListAsync(cancellationToken);
        var encrypted = 0;
        foreach (var token in plain)
        {
            var protectedValue = secrets.Protect(token.Value);
            encrypted += await db.UserTokens
                .Where(t => t.UserId == token.UserId && t.LoginProvider == token.LoginProvider && t.Name == token.Name && t.Value == token.Value)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.Value, protectedValue), cancellationToken);
        }
        if (encrypted > 0)
            log.LogInformation("Encrypted {Count} two-factor secret(s) stored before encryption.", encrypted);
        return encrypted;
    }
}
