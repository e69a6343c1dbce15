using System.Runtime.InteropServices;

namespace Migration.Equivalence;

/// <summary>
/// A cached, decoded copy of one world's device address space, kept per 1 MiB first-level slot: the leaf entries
/// of each slot and which second-level table each slot points to. After a step only the slots whose table words
/// were written are re-read, so comparing after every step costs what the step changed, not the whole space.
/// </summary>
public sealed class AddressSpaceImage
{
    /// <summary>Number of 1 MiB first-level slots in a 32-bit space.</summary>
    public const int SlotCount = 4096;

    private const int SlotShift = 20;
    private const uint TableGranule = 0x400; // second-level tables are 1 KiB (256 words) in both formats
    private static readonly PageEntry[] Empty = [];

    // Each slot's entries in address order, re-read in place (a slot's list is reused, so refreshing allocates nothing).
    private readonly List<PageEntry>?[] _slots = new List<PageEntry>?[SlotCount];
    private readonly uint[] _tableOf = new uint[SlotCount];
    private readonly Dictionary<uint, int> _slotOfTable = new();
    private readonly List<PageEntry> _window = new();

    /// <summary>An image of <paramref name="space"/> (call <see cref="RefreshAll"/> before use).</summary>
    public AddressSpaceImage(DeviceAddressSpace space, PhysicalIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(identity);
        Space = space;
        Identity = identity;
    }

    /// <summary>The space this image decodes.</summary>
    public DeviceAddressSpace Space { get; }

    /// <summary>How physical addresses are named.</summary>
    public PhysicalIdentity Identity { get; }

    /// <summary>The table root the image was last read under.</summary>
    public uint Root { get; private set; }

    /// <summary>Leaf entries of slot <paramref name="slot"/> (a supersection appears in each of its 16 slots, clipped to none).</summary>
    public IReadOnlyList<PageEntry> Slot(int slot) => (IReadOnlyList<PageEntry>?)_slots[slot] ?? Empty;

    /// <summary>Number of leaf entries in the image (a supersection counts once per slot).</summary>
    public int EntryCount { get; private set; }

    /// <summary>Re-reads every slot (also when the root changed).</summary>
    public void RefreshAll()
    {
        Root = Space.Root();
        _slotOfTable.Clear();
        for (int s = 0; s < SlotCount; s++)
        {
            _tableOf[s] = 0;
            Refresh(s);
        }
    }

    /// <summary>
    /// Marks in <paramref name="dirty"/> what the physical words in <paramref name="written"/> belong to: the whole slot
    /// of a first-level word of this root, the 64 KiB window of a word inside a second-level table a slot points to.
    /// Returns false when the root itself changed (the caller refreshes everything).
    /// </summary>
    public bool CollectDirty(IReadOnlyList<uint> written, DirtyWindows dirty)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(dirty);
        if (Space.Root() != Root)
            return false;
        if (Root == 0)
            return true;
        uint l1Start = Root & ~0x3FFFu;
        for (int i = 0; i < written.Count; i++)
        {
            uint pa = written[i];
            if (pa - l1Start < SlotCount * 4)
                dirty.MarkSlot((int)((pa - l1Start) >> 2));
            else if (_slotOfTable.TryGetValue(pa & ~(TableGranule - 1), out int slot))
                dirty.MarkWindow(slot, (int)((pa & (TableGranule - 1)) >> 6)); // 16 words (64 bytes) per window
        }
        return true;
    }

    /// <summary>Re-reads slot <paramref name="slot"/> from the tables.</summary>
    public void Refresh(int slot)
    {
        List<PageEntry>? entries = _slots[slot];
        int before = entries?.Count ?? 0;
        entries?.Clear();
        TrackTable(slot);
        if (Root != 0)
        {
            entries ??= _slots[slot] = new List<PageEntry>();
            ReadSlot(slot, entries);
        }
        EntryCount += (entries?.Count ?? 0) - before;
    }

    /// <summary>
    /// Re-reads the windows of <paramref name="slot"/> that <paramref name="mask"/> names (bit w: [slot base + w × 64 KiB,
    /// + 64 KiB)); the whole slot when the mask is <see cref="DirtyWindows.WholeSlot"/> or the slot holds no table.
    /// </summary>
    public void Refresh(int slot, ushort mask)
    {
        if (mask == DirtyWindows.WholeSlot || Root == 0 || _slots[slot] is not { } entries || _tableOf[slot] == 0)
        {
            Refresh(slot);
            return;
        }
        uint slotBase = (uint)slot << SlotShift;
        for (int w = 0; w < 16; w++)
        {
            if ((mask & (1 << w)) == 0)
                continue;
            uint from = slotBase + ((uint)w << 16);
            (int first, int count) = Overlapping(entries, from, from + DirtyWindows.WindowSize);
            entries.RemoveRange(first, count);
            _window.Clear();
            ReadTable(slot, w << 4, (w << 4) + 16, _window);
            entries.InsertRange(first, _window);
            EntryCount += _window.Count - count;
        }
    }

    /// <summary>Appends the canonical runs of slot <paramref name="slot"/> to <paramref name="runs"/>.</summary>
    public void AppendRuns(int slot, List<TranslationRun> runs)
    {
        uint slotBase = (uint)slot << SlotShift;
        AppendRuns(slot, slotBase, slotBase + (ulong)(1u << SlotShift), runs);
    }

    /// <summary>Appends the canonical runs of the part [<paramref name="from"/>, <paramref name="to"/>) of slot <paramref name="slot"/>, entries clipped to it.</summary>
    public void AppendRuns(int slot, uint from, ulong to, List<TranslationRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        foreach (PageEntry e in Entries(slot))
        {
            // Clip supersections (and anything else larger than the range) to the range.
            uint start = Math.Max(e.Iova, from);
            ulong end = Math.Min((ulong)e.Iova + e.Size, to);
            if (end > start)
                TranslationMap.AppendEntry(runs, e, start, (uint)(end - start), Identity);
        }
    }

    /// <summary>The entries of slot <paramref name="slot"/> that overlap [<paramref name="from"/>, <paramref name="to"/>), in address order.</summary>
    public ReadOnlySpan<PageEntry> EntriesIn(int slot, uint from, ulong to)
    {
        List<PageEntry>? entries = _slots[slot];
        if (entries is null)
            return [];
        (int first, int count) = Overlapping(entries, from, to);
        return CollectionsMarshal.AsSpan(entries).Slice(first, count);
    }

    /// <summary>The canonical translation map of the whole space (merged runs).</summary>
    public List<TranslationRun> Runs()
    {
        var runs = new List<TranslationRun>();
        for (int s = 0; s < SlotCount; s++)
            AppendRuns(s, runs);
        return runs;
    }

    /// <summary>
    /// The canonical runs of [da, da + length) rebased to device address 0, and the leaf entries met on the way
    /// (appended to <paramref name="entries"/> when given), for buffer-by-buffer comparison.
    /// </summary>
    public void AppendRelativeRuns(uint da, uint length, List<TranslationRun> runs, List<PageEntry>? entries = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ulong end = (ulong)da + length;
        ulong cursor = da;
        while (cursor < end)
        {
            uint at = (uint)cursor;
            if (EntryAt(at) is not { } e)
            {
                cursor = Math.Min(end, (cursor & ~0xFFFUL) + 0x1000);
                continue;
            }
            entries?.Add(e);
            ulong stop = Math.Min(end, (ulong)e.Iova + e.Size);
            var rebased = e with { Iova = e.Iova - da, Pa = e.Pa };
            TranslationMap.AppendEntry(runs, rebased, at - da, (uint)(stop - cursor), Identity);
            cursor = stop;
        }
    }

    /// <summary>The leaf entry that maps <paramref name="iova"/> in the image, or null.</summary>
    public PageEntry? EntryAt(uint iova)
    {
        // Entries are in address order and do not overlap: the candidate is the last one starting at or below iova.
        ReadOnlySpan<PageEntry> entries = Entries((int)(iova >> SlotShift));
        int lo = 0, hi = entries.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (entries[mid].Iova <= iova)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return hi >= 0 && iova - entries[hi].Iova < entries[hi].Size ? entries[hi] : null;
    }

    private ReadOnlySpan<PageEntry> Entries(int slot) => CollectionsMarshal.AsSpan(_slots[slot]);

    // Remembers which second-level table slot `slot` points to, so writes into that table dirty the slot.
    private void TrackTable(int slot)
    {
        uint oldTable = _tableOf[slot];
        if (oldTable != 0 && _slotOfTable.TryGetValue(oldTable, out int owner) && owner == slot)
            _slotOfTable.Remove(oldTable);
        uint table = Root == 0 ? 0 : Space.Walker.SecondLevelTable(Root, (uint)slot << SlotShift);
        _tableOf[slot] = table;
        if (table != 0)
            _slotOfTable[table & ~(TableGranule - 1)] = slot;
    }

    // The index range of the entries overlapping [from, to): entries are sorted and do not overlap each other.
    private static (int First, int Count) Overlapping(List<PageEntry> entries, uint from, ulong to)
    {
        ReadOnlySpan<PageEntry> span = CollectionsMarshal.AsSpan(entries);
        int lo = 0, hi = span.Length;
        while (lo < hi) // first entry ending after from
        {
            int mid = (lo + hi) >>> 1;
            if ((ulong)span[mid].Iova + span[mid].Size <= from)
                lo = mid + 1;
            else
                hi = mid;
        }
        int end = lo;
        while (end < span.Length && span[end].Iova < to)
            end++;
        return (lo, end - lo);
    }

    private void ReadSlot(int slot, List<PageEntry> entries)
    {
        if (_tableOf[slot] != 0)
            ReadTable(slot, 0, 256, entries);
        else
            ReadSlotPageByPage((uint)slot << SlotShift, 1u << SlotShift, entries);
    }

    // The entries second-level words [first, end) of the slot's table give, in order.
    private void ReadTable(int slot, int first, int end, List<PageEntry> entries)
    {
        uint slotBase = (uint)slot << SlotShift;
        uint table = _tableOf[slot];
        if (Space.Walker.Memory is not { } memory || !memory.TryReadFrame(table >> 12, out ReadOnlySpan<uint> frame))
        {
            ReadSlotPageByPage(slotBase + ((uint)first << 12), (uint)(end - first) << 12, entries);
            return;
        }
        // A second-level table of 256 words inside one frame: only its non-zero words can map anything.
        ReadOnlySpan<uint> words = frame.Slice((int)((table & 0xFFF) >> 2), 256);
        int i = first;
        while (i < end)
        {
            int next = words[i..end].IndexOfAnyExcept(0u);
            if (next < 0)
                return;
            i += next;
            uint va = slotBase + ((uint)i << 12);
            if (!Space.Walker.WalkSecondLevel(Root, va, words[i], table + ((uint)i << 2), out PageEntry e))
            {
                i++;
                continue;
            }
            entries.Add(e);
            i = (int)(Math.Min((ulong)e.Iova + e.Size - slotBase, 1u << SlotShift) >> 12);
        }
    }

    private void ReadSlotPageByPage(uint from, uint length, List<PageEntry> entries)
    {
        ulong va = from;
        ulong end = va + length;
        while (va < end)
        {
            if (!Space.Walker.Walk(Root, (uint)va, out PageEntry e, out uint granule))
            {
                va = (va & ~(ulong)(granule - 1)) + granule;
                continue;
            }
            entries.Add(e);
            va = (ulong)e.Iova + e.Size;
        }
    }
}
