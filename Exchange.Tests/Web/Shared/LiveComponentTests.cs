using Bunit;
using Exchange.Core.Events;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Exchange.Tests.Web.Shared;

/// <summary>The base of every live page over the real in-process event hub: no event missed, no load for nothing, no failure swallowed.</summary>
[Fast]
public class LiveComponentTests : BunitContext
{
    private readonly InProcessExchangeEvents events = new(NullLogger<InProcessExchangeEvents>.Instance);

    public LiveComponentTests() => Services.AddSingleton<IExchangeEvents>(events);

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    private void JobRuns() => events.Publish(new JobRan("balance-check", true, "1 credited"));

    [Fact]
    public void What_changes_during_the_first_load_shows_once_its_event_arrives()
    {
        var source = new Source { Value = "before", Hold = Held() };
        var cut = Render<ShowsSource>(p => p.Add(c => c.Source, source));

        source.Value = "after";
        JobRuns();
        source.Hold.SetResult();

        cut.WaitForAssertion(() => Assert.Equal("after", cut.Find("p").TextContent));
    }

    [Fact]
    public async Task A_burst_of_events_during_a_load_costs_one_more_load_that_shows_the_latest()
    {
        var source = new Source { Value = "first" };
        var cut = Render<ShowsSource>(p => p.Add(c => c.Source, source));
        cut.WaitForAssertion(() => Assert.Equal("first", cut.Find("p").TextContent));
        source.Hold = Held();
        JobRuns();
        cut.WaitForAssertion(() => Assert.Equal(2, source.Loads));

        source.Value = "latest";
        for (var i = 0; i < 10; i++) JobRuns();
        source.Hold.SetResult();

        cut.WaitForAssertion(() => Assert.Equal("latest", cut.Find("p").TextContent));
        await Task.Delay(200, Token);
        Assert.Equal(3, source.Loads);
    }

    [Fact]
    public async Task A_reload_that_fails_reaches_the_renderer_instead_of_only_the_log()
    {
        var source = new Source { Value = "first" };
        var cut = Render<ShowsSource>(p => p.Add(c => c.Source, source));
        cut.WaitForAssertion(() => Assert.Equal("first", cut.Find("p").TextContent));

        source.Failure = new InvalidOperationException("The database is not reachable.");
        JobRuns();

        Assert.Same(source.Failure, await Renderer.UnhandledException.WaitAsync(TimeSpan.FromSeconds(5), Token));
    }

    private static TaskCompletionSource Held() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the component reads; a load waits for <see cref="Hold"/> while it is set, and throws <see cref="Failure"/>.</summary>
    public sealed class Source
    {
        public string Value { get; set; } = "";
        public int Loads { get; set; }
        public TaskCompletionSource? Hold { get; set; }
        public Exception? Failure { get; set; }
    }

    public sealed class ShowsSource : LiveComponent
    {
        private string? shown;

        [Parameter, EditorRequired] public required Source Source { get; set; }

        protected override bool ListensTo(ExchangeEvent exchangeEvent) => exchangeEvent is JobRan;

        protected override async Task LoadAsync()
        {
            Source.Loads++;
            if (Source.Failure is { } failure) throw failure;
            var read = Source.Value;
            if (Source.Hold is { } hold) await hold.Task;
            shown = read;
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddContent(1, shown);
            builder.CloseElement();
        }
    }
}
