using Exchange.Core.Accounts;

namespace Exchange.Web.Components.Pages.Settings;

public static class ApiKeyStatus
{
    /// <summary>"Active", "Expired" or "Revoked" with the reason when the owner did not revoke it.</summary>
    public static string Of(ApiKey key, TimeProvider time) => key switch
    {
        { RevokedAt: not null, RevokedReason: { } reason } => $"Revoked: {reason}",
        { RevokedAt: not null } => "Revoked",
        _ when !key.IsLive(time.GetUtcNow().UtcDateTime) => "Expired",
        _ => "Active",
    };
}
