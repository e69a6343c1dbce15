namespace Migration.Equivalence;

/// <summary>
/// What one step wrote in a 32-bit device space, per 1 MiB first-level slot: the whole slot (a first-level word changed)
/// or 64 KiB windows of it (words of its second-level table; a window is 16 table words, the span of one large page, so
/// no entry crosses a window). Both worlds' writes go into one set, so the same parts are re-read and compared on both sides.
/// </summary>
public sealed class DirtyWindows
{
    /// <summary>The mask of a slot that is dirty as a whole.</summary>
    public const ushort WholeSlot = 0xFFFF;

    /// <summary>Bytes one window covers.</summary>
    public const uint WindowSize = 0x10000;

    private readonly ushort[] _masks = new ushort[AddressSpaceImage.SlotCount];
    private readonly List<int> _slots = new();

    /// <summary>The slots with anything dirty, in the order first marked.</summary>
    public IReadOnlyList<int> Slots => _slots;

    /// <summary>Bit w set: window w of <paramref name="slot"/> is dirty (<see cref="WholeSlot"/>: all of it).</summary>
    public ushort MaskOf(int slot) => _masks[slot];

    /// <summary>Marks all of <paramref name="slot"/>.</summary>
    public void MarkSlot(int slot) => Mark(slot, WholeSlot);

    /// <summary>Marks window <paramref name="window"/> (0..15) of <paramref name="slot"/>.</summary>
    public void MarkWindow(int slot, int window) => Mark(slot, (ushort)(1 << window));

    /// <summary>Forgets everything marked.</summary>
    public void Clear()
    {
        foreach (int slot in _slots)
            _masks[slot] = 0;
        _slots.Clear();
    }

    private void Mark(int slot, ushort bits)
    {
        if (_masks[slot] == 0)
            _slots.Add(slot);
        _masks[slot] |= bits;
    }
}
