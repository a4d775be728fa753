namespace OpinionBot.Duty;

/// <summary>The stored duty roster: explicit shifts and the one rotation.</summary>
public interface IDutyStore
{
    IReadOnlyList<DutyShift> Shifts();

    void AddShift(DutyShift shift);

    void SaveShift(DutyShift shift);

    /// <summary>Forgets shifts that ended before <paramref name="before"/>.</summary>
    void ForgetShiftsEndedBefore(DateTimeOffset before);

    DutyRotation? Rotation();

    void SaveRotation(DutyRotation rotation);

    /// <summary>Removes the rotation and every shift.</summary>
    void Clear();
}
