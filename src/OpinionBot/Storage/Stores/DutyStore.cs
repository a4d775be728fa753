using OpinionBot.Duty;

namespace OpinionBot.Storage.Stores;

internal sealed class DutyStore(IDocumentTable<DutyShift> shifts, IDocumentTable<DutyRotation> rotations) : IDutyStore
{
    // Shifts are few (old ones are forgotten), so they are read whole and filtered by the roster.
    public IReadOnlyList<DutyShift> Shifts() => shifts.All();

    public void AddShift(DutyShift shift) => shifts.Insert(shift);

    public void SaveShift(DutyShift shift) => shifts.Upsert(shift);

    public void ForgetShiftsEndedBefore(DateTimeOffset before)
    {
        foreach (var old in shifts.Range("End", from: null, until: before))
        {
            shifts.Delete(old.Id);
        }
    }

    public DutyRotation? Rotation() => rotations.Get(DutyRotation.CurrentId);

    public void SaveRotation(DutyRotation rotation) => rotations.Upsert(rotation);

    public void Clear()
    {
        foreach (var shift in shifts.All())
        {
            shifts.Delete(shift.Id);
        }

        rotations.Delete(DutyRotation.CurrentId);
    }
}
