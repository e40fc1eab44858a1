using Exchange.Core.Proofs;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Proofs;

/// <summary>When the job takes a snapshot: at the schedule, whatever restarts did to its checks.</summary>
[Fast]
public class ProofScheduleTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_first_snapshot_is_due_at_once()
    {
        Assert.True(new ProofOfLiabilitiesOptions().IsDue(null, Now));
    }

    [Fact]
    public void A_daily_snapshot_is_due_within_half_an_hour_of_a_day_after_the_last()
    {
        var daily = new ProofOfLiabilitiesOptions();

        Assert.Equal(TimeSpan.FromHours(1), daily.CheckInterval);
        Assert.False(daily.IsDue(Now.AddHours(-23).AddMinutes(-29), Now));
        Assert.True(daily.IsDue(Now.AddHours(-23).AddMinutes(-30), Now));
    }

    [Fact]
    public void A_schedule_shorter_than_an_hour_is_checked_at_its_own_interval()
    {
        var often = new ProofOfLiabilitiesOptions { Schedule = TimeSpan.FromMinutes(10) };

        Assert.Equal(TimeSpan.FromMinutes(10), often.CheckInterval);
        Assert.False(often.IsDue(Now.AddMinutes(-4), Now));
        Assert.True(often.IsDue(Now.AddMinutes(-10).AddSeconds(1), Now));
    }
}
