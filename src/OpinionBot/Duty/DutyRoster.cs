using OpinionBot.Storage;

namespace OpinionBot.Duty;

/// <summary>
/// Who is on duty (值班) when. Explicit shifts win over the rotation while they last; a turn ends where the next shift
/// begins. Everything is derived from what is stored and the injected clock, so a restart changes nothing.
/// </summary>
public sealed class DutyRoster(OpinionDatabase db, TimeProvider time, TimeZoneInfo zone)
{
    public DutyTurn? Now() => At(time.GetUtcNow());

    /// <summary>The turn that follows this one, or null when nobody is on duty then.</summary>
    public DutyTurn? Next(DutyTurn turn) => turn.End is { } end ? At(end) : null;

    public DutyTurn? At(DateTimeOffset instant)
    {
        // Shifts are few (old ones are pruned), so they are filtered here rather than by a query.
        var all = db.Read(s => s.Duty.Shifts());
        var shifts = all.Where(s => s.End > instant).ToList();
        var nextStart = shifts.Where(s => s.Start > instant).Select(s => (DateTimeOffset?)s.Start).Min();
        var covering = shifts.Where(s => s.Start <= instant).OrderByDescending(s => s.Id).FirstOrDefault();
        if (covering is not null)
        {
            // When a shorter shift inside this one has ended, this turn resumes from there: a new turn, a new handover.
            var resumed = all.Where(s => s.Id != covering.Id && s.End > covering.Start && s.End <= instant)
                .Select(s => (DateTimeOffset?)s.End).Max();
            var turnStart = resumed is { } end && end > covering.Start ? end : covering.Start;
            return new DutyTurn(covering.UserId, turnStart, Earliest(covering.End, nextStart));
        }

        if (Rotation() is not { People.Count: > 0 } rotation || instant < rotation.Anchor)
        {
            return null;
        }

        var period = TimeSpan.FromDays(rotation.Days);
        var index = (instant - rotation.Anchor).Ticks / period.Ticks;
        var start = rotation.Anchor + TimeSpan.FromTicks(period.Ticks * index);
        var shiftEnded = all.Where(s => s.End <= instant && s.End > start).Select(s => (DateTimeOffset?)s.End).Max();
        var person = rotation.People[(int)(index % rotation.People.Count)];
        return new DutyTurn(person, shiftEnded ?? start, Earliest(start + period, nextStart));
    }

    public DutyRotation? Rotation() => db.Read(s => s.Duty.Rotation());

    /// <summary>Shifts that have not ended yet, soonest first.</summary>
    public IReadOnlyList<DutyShift> ComingShifts()
    {
        var now = time.GetUtcNow();
        return db.Read(s => s.Duty.Shifts()).Where(s => s.End > now).OrderBy(s => s.Start).ToList();
    }

    /// <summary>
    /// Sets the rotation: turns of <paramref name="days"/> days (7 weekly from Monday, 1 daily) changing at
    /// <paramref name="changeAt"/>, anchored so that the first person is on duty now. Joins the caller's write.
    /// </summary>
    public DutyRotation Rotate(IReadOnlyList<long> people, int days, TimeOnly changeAt)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        if (days == 7)
        {
            day = day.AddDays(-(((int)day.DayOfWeek + 6) % 7)); // back to Monday
        }

        var anchor = day.ToDateTime(changeAt);
        if (anchor > local)
        {
            anchor = anchor.AddDays(-days);
        }

        var rotation = new DutyRotation { People = people.ToList(), Days = days, Anchor = FromLocal(anchor) };
        db.Write(s => s.Duty.SaveRotation(rotation));
        return rotation;
    }

    /// <summary>Adds an explicit shift and forgets shifts that ended a month ago. Joins the caller's write.</summary>
    public DutyShift AddShift(long userId, DateTimeOffset start, DateTimeOffset end)
    {
        var forgotten = time.GetUtcNow().AddDays(-30);
        var shift = new DutyShift { UserId = userId, Start = start, End = end };
        db.Write(s =>
        {
            s.Duty.ForgetShiftsEndedBefore(forgotten);
            s.Duty.AddShift(shift);
        });
        return shift;
    }

    /// <summary>
    /// Swaps two people's duty from now on: their places in the rotation and their coming shifts (someone not on the
    /// roster simply takes the other's turns). Returns how many places changed hands. Joins the caller's write.
    /// </summary>
    public int Swap(long a, long b)
    {
        var changed = 0;
        foreach (var shift in ComingShifts().Where(s => s.UserId == a || s.UserId == b))
        {
            shift.UserId = shift.UserId == a ? b : a;
            db.Write(s => s.Duty.SaveShift(shift));
            changed++;
        }

        if (Rotation() is { } rotation)
        {
            for (var i = 0; i < rotation.People.Count; i++)
            {
                if (rotation.People[i] == a || rotation.People[i] == b)
                {
                    rotation.People[i] = rotation.People[i] == a ? b : a;
                    changed++;
                }
            }

            db.Write(s => s.Duty.SaveRotation(rotation));
        }

        return changed;
    }

    /// <summary>Removes the rotation and every shift. Joins the caller's write.</summary>
    public void Clear()
    {
        db.Write(s => s.Duty.Clear());
    }

    /// <summary>A wall-clock time in the team's time zone.</summary>
    public DateTimeOffset FromLocal(DateTime local) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);

    private static DateTimeOffset? Earliest(DateTimeOffset a, DateTimeOffset? b) => b is { } other && other < a ? other : a;
}
