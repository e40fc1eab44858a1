using Bunit;
using Exchange.Core.Events;
using Exchange.Tests.Infrastructure;
using Exchange.Web.LiveUpdates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Exchange.Tests.Web.Shared.LiveComponentTests;

namespace Exchange.Tests.Web.LiveUpdates;

/// <summary>A live page while other nodes' events cannot reach its node: it reads on a timer, and once more when they can again.</summary>
[Fast]
public class LiveUpdateFallbackTests : BunitContext
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider time = new();
    private readonly Backplane backplane = new();
    private readonly LiveUpdateFallback fallback;

    public LiveUpdateFallbackTests()
    {
        Services.AddSingleton<IExchangeEvents>(new InProcessExchangeEvents(NullLogger<InProcessExchangeEvents>.Instance));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        fallback = new LiveUpdateFallback(backplane, Options.Create(new LiveUpdatesOptions { FallbackRefresh = Interval }), time);
    }

    private IRenderedComponent<ShowsSource> Render(Source source)
    {
        var cut = Render<ShowsSource>(p => p.Add(c => c.Source, source).AddCascadingValue(fallback));
        cut.WaitForAssertion(() => Assert.Equal(1, source.Loads));
        return cut;
    }

    [Fact]
    public void While_the_backplane_is_down_a_page_reads_again_every_interval()
    {
        backplane.IsLive = false;
        var source = new Source { Value = "before" };
        var cut = Render(source);

        source.Value = "credited on another node";
        time.Advance(Interval);

        cut.WaitForAssertion(() => Assert.Equal("credited on another node", cut.Find("p").TextContent));
        time.Advance(Interval);
        cut.WaitForAssertion(() => Assert.Equal(3, source.Loads));
    }

    [Fact]
    public void When_the_backplane_is_back_a_page_reads_once_for_what_it_missed_and_then_only_on_events()
    {
        var source = new Source { Value = "before" };
        var cut = Render(source);
        backplane.IsLive = false;
        source.Value = "missed";

        backplane.IsLive = true;
        cut.WaitForAssertion(() => Assert.Equal("missed", cut.Find("p").TextContent));
        time.Advance(Interval * 3);

        Assert.Equal(2, source.Loads);
    }

    [Fact]
    public void While_the_backplane_is_up_a_page_reads_only_on_events()
    {
        var source = new Source { Value = "before" };
        Render(source);

        time.Advance(Interval * 3);

        Assert.Equal(1, source.Loads);
    }

    private sealed class Backplane : ILiveUpdateStatus
    {
        public bool IsLive
        {
            get;
            set
            {
                field = value;
                Changed?.Invoke();
            }
        } = true;

        public event Action? Changed;
    }
}
