using OpinionBot.Duty;
using OpinionBot.Tests.Commands;
using Xunit;
using static OpinionBot.Tests.Commands.ServiceTestBed;

namespace OpinionBot.Tests.Duty;

/// <summary>Who is on duty when: rotations, explicit shifts and swaps, on a clock the test moves.</summary>
public sealed class DutyRosterTests : IDisposable
{
    private readonly ServiceTestBed _bed = new();

    private DutyRoster Roster => _bed.Get<DutyRoster>();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void WeeklyRotation_SetMidWeek_StartsThisMondayAndTurnsEveryMondayAt8()
    {
        _bed.SetLocal(11, 25, 15); // Wednesday
        Rotate([Officer, SecondOfficer, ThirdOfficer], 7);

        var now = Roster.Now()!;
        Assert.Equal(Officer, now.UserId);
        Assert.Equal(Local(11, 23, 8), now.Start);
        Assert.Equal(Local(11, 30, 8), now.End);
        Assert.Equal(SecondOfficer, Roster.Next(now)!.UserId);

        _bed.SetLocal(11, 30, 7, 59);
        Assert.Equal(Officer, Roster.Now()!.UserId);
        _bed.SetLocal(11, 30, 8);
        Assert.Equal(SecondOfficer, Roster.Now()!.UserId);
        _bed.SetLocal(12, 14, 9);
        Assert.Equal(Officer, Roster.Now()!.UserId); // three weeks on, the first again
    }

    [Fact]
    public void DailyRotation_SetBeforeTheChangeTime_StartedYesterday()
    {
        _bed.SetLocal(11, 24, 7);
        _bed.Database.Write(_ => Roster.Rotate([Officer, SecondOfficer], 1, new TimeOnly(8, 0)));

        Assert.Equal(new DutyTurn(Officer, Local(11, 23, 8), Local(11, 24, 8)), Roster.Now());
        _bed.SetLocal(11, 24, 8);
        Assert.Equal(new DutyTurn(SecondOfficer, Local(11, 24, 8), Local(11, 25, 8)), Roster.Now());
    }

    [Fact]
    public void ExplicitShift_WinsWhileItLasts_AndCutsTheRotationAroundIt()
    {
        Rotate([Officer], 7);
        _bed.Database.Write(_ => Roster.AddShift(SecondOfficer, Local(11, 24, 8), Local(11, 24, 20)));

        Assert.Equal(new DutyTurn(Officer, Local(11, 23, 8), Local(11, 24, 8)), Roster.Now());
        _bed.SetLocal(11, 24, 10);
        Assert.Equal(new DutyTurn(SecondOfficer, Local(11, 24, 8), Local(11, 24, 20)), Roster.Now());
        _bed.SetLocal(11, 24, 21);
        Assert.Equal(new DutyTurn(Officer, Local(11, 24, 20), Local(11, 30, 8)), Roster.Now());
    }

    [Fact]
    public void ShiftWithoutRotation_NobodyOnDutyOutsideIt()
    {
        _bed.Database.Write(_ => Roster.AddShift(ThirdOfficer, Local(11, 23, 20), Local(11, 24, 8)));

        Assert.Null(Roster.Now());
        _bed.SetLocal(11, 23, 23);
        Assert.Equal(ThirdOfficer, Roster.Now()!.UserId);
        _bed.SetLocal(11, 24, 8);
        Assert.Null(Roster.Now());
    }

    [Fact]
    public void Swap_ExchangesRotationPlacesAndComingShifts()
    {
        Rotate([Officer, SecondOfficer], 1);
        _bed.Database.Write(_ => Roster.AddShift(SecondOfficer, Local(11, 28, 8), Local(11, 28, 20)));

        var changed = _bed.Database.Write(_ => Roster.Swap(Officer, SecondOfficer));

        Assert.Equal(3, changed);
        Assert.Equal(SecondOfficer, Roster.Now()!.UserId);
        Assert.Equal([SecondOfficer, Officer], Roster.Rotation()!.People);
        Assert.Equal(Officer, Assert.Single(Roster.ComingShifts()).UserId);
        Assert.Equal(0, _bed.Database.Write(_ => Roster.Swap(ThirdOfficer, Supervisor)));
    }

    private void Rotate(List<long> people, int days) => _bed.Database.Write(_ => Roster.Rotate(people, days, new TimeOnly(8, 0)));

    private static DateTimeOffset Local(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));
}
