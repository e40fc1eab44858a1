using System.Diagnostics;
using Exchange.Core.Notices;
using Exchange.Tests.Core.Webhooks;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Repository;

/// <summary>
/// docs/verify_webhook.py, the check the README shows, run as a receiver's owner runs it on real
/// deliveries the exchange signed: a fresh one verifies; a changed body, another secret or a
/// delivery older than five minutes does not.
/// </summary>
public sealed class PythonWebhookVerifierTests : WebhookTest
{
    private static readonly string Script = Path.Combine(RepositoryFolders.Root, "docs", "verify_webhook.py");

    [Fact]
    public async Task Verifies_a_fresh_delivery_and_rejects_a_changed_body_another_secret_and_an_old_delivery()
    {
        // The first event is signed ten minutes ago, the second now, both by the exchange's real sender.
        Database.Time.SetUtcNow(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10));
        await RegisterAsync(Receiver, "/hooks", NoticeTypes.DepositCredited.Name);
        await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(7_000_000));
        await DeliverAsync();
        Database.Time.SetUtcNow(DateTimeOffset.UtcNow);
        await AddNoticeAsync(NoticeTypes.DepositCredited, Credited(12_500_000));
        await DeliverAsync();
        var (old, fresh) = (Receiver.Received[0], Receiver.Received[1]);
        var secret = Receiver.Secrets.Single();

        var verified = await RunAsync(secret, fresh, fresh.Body);
        var changed = await RunAsync(secret, fresh, fresh.Body.Replace("12500000", "92500000", StringComparison.Ordinal));
        var otherSecret = await RunAsync("whsec_" + Convert.ToBase64String(new byte[32]), fresh, fresh.Body);
        var tooOld = await RunAsync(secret, old, old.Body);

        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.Equal($"Verified: deposit.credited at {fresh.Json.GetProperty("timestamp").GetString()}.\n", verified.Output);
        Assert.Equal((1, "Rejected: no signature matches the body with this secret.\n"), (changed.ExitCode, changed.Output));
        Assert.Equal((1, "Rejected: no signature matches the body with this secret.\n"), (otherSecret.ExitCode, otherSecret.Output));
        Assert.Equal((1, "Rejected: the timestamp is more than five minutes from now (a replay, or a wrong clock).\n"), (tooOld.ExitCode, tooOld.Output));
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string secret, ReceivedWebhook delivery, string body)
    {
        var file = Path.Combine(Store.Folder.Path, $"{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, body, Token);
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Script, "--secret", secret, "--id", delivery.Id, "--timestamp", delivery.Timestamp, "--signature", delivery.Signature, file])
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var error = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        return (process.ExitCode, await output, await error);
    }
}
