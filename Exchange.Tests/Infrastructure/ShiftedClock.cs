using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// The system clock, moved on by as much as the test asks: an app that reads the time through
/// <see cref="TimeProvider"/> sees a day pass in a moment, while its timers, Quartz and the browser keep real time.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}

/// <summary>The real app whose every <see cref="TimeProvider"/> reading comes from <paramref name="clock"/>.</summary>
public sealed class ShiftedClockAppFactory(ShiftedClock clock) : ExchangeAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
    }
}
