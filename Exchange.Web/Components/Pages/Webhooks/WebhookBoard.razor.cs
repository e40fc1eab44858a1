using Exchange.Core.Events;
using Exchange.Core.Webhooks;
using Exchange.Web.Components.Pages.Operator;
using Exchange.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Exchange.Web.Components.Pages.Webhooks;

public partial class WebhookBoard
{
    private const string JobName = "webhooks";

    [Parameter, EditorRequired] public required WebhookAudience Audience { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;
    [CascadingParameter] public OperatorStepUpStatus? StepUp { get; set; }

    private string userId = "";
    private bool twoFactorOn;
    private string? url, description, code, secret, message;
    private bool succeeded, busy;
    private readonly HashSet<string> chosen = [];
    private IReadOnlyList<WebhookEndpoint> endpoints = [];
    private Dictionary<long, IReadOnlyList<WebhookLogEntry>> logs = [];

    private bool NeedsCode => Audience == WebhookAudience.Operators || twoFactorOn;

    private WebhookActor Actor(string? withCode = null) => new(userId, Audience, withCode);

    // A run that sent nothing changes no log.
    protected override bool ListensTo(ExchangeEvent exchangeEvent) => exchangeEvent is JobRan { Job: JobName } ran && ran.Summary != new WebhookRun(0, 0, 0).Summary;

    protected override async Task LoadAsync()
    {
        if (userId.Length == 0)
        {
            userId = UserIds.Of((await AuthState).User);
            twoFactorOn = await TwoFactor.IsEnabledAsync(userId);
        }
        endpoints = await Hooks.ListAsync(Actor());
        var read = new Dictionary<long, IReadOnlyList<WebhookLogEntry>>();
        foreach (var endpoint in endpoints)
            read[endpoint.Id] = await Hooks.LogAsync(Actor(), endpoint.Id, 20);
        logs = read;
    }

    private void Toggle(string type, bool on)
    {
        if (on) chosen.Add(type);
        else chosen.Remove(type);
    }

    private Task RegisterAsync() => ActAsync(async () =>
    {
        var change = await Hooks.CreateAsync(Actor(TakeCode()), new WebhookRegistration(url, description, chosen.ToList()));
        if (change.Succeeded)
        {
            (url, description) = (null, null);
            chosen.Clear();
        }
        return (change, change.Succeeded ? $"Registered {change.Endpoint!.Url}." : null);
    });

    private Task ChangeAsync(long id, Func<WebhookActor, long, CancellationToken, Task<WebhookChange>> change) => ActAsync(async () =>
    {
        var done = await change(Actor(TakeCode()), id, default);
        return (done, done.Succeeded ? "Done." : null);
    });

    private Task TestAsync(long id) => ActAsync(async () =>
    {
        var change = await Hooks.SendTestAsync(Actor(), id);
        return (change, change.Succeeded ? "A test event is on its way; its delivery shows below." : null);
    });

    private Task RedeliverAsync(long endpointId, long messageId) => ActAsync(async () =>
    {
        var change = await Hooks.RedeliverAsync(Actor(), endpointId, messageId);
        return (change, change.Succeeded ? "The message is being sent again." : null);
    });

    // A code is good once: the field clears with every submit.
    private string? TakeCode() => Interlocked.Exchange(ref code, null);

    private async Task ActAsync(Func<Task<(WebhookChange Change, string? Done)>> act)
    {
        busy = true;
        try
        {
            var (change, done) = await act();
            (succeeded, message, secret) = (change.Succeeded, change.Problem ?? done, change.Secret);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
