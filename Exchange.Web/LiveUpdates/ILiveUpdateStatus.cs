namespace Exchange.Web.LiveUpdates;

/// <summary>Whether events published on other nodes reach this one right now.</summary>
public interface ILiveUpdateStatus
{
    bool IsLive { get; }

    /// <summary>Raised, on any thread, when <see cref="IsLive"/> changes.</summary>
    event Action? Changed;
}

/// <summary>One node: every event is published here, so pages always hear them.</summary>
internal sealed class SingleNodeStatus : ILiveUpdateStatus
{
    public bool IsLive => true;

    public event Action? Changed
    {
        add { }
        remove { }
    }
}
