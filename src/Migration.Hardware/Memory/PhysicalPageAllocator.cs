using System.Numerics;

namespace Migration.Hardware.Memory;

/// <summary>
/// Page allocator over one RAM bank of <see cref="PhysicalMemory"/> (the role of __get_free_pages):
/// blocks of 2^order pages, naturally aligned, first fit. Returns 0 on failure, as the kernel does.
/// Allocation and freeing are serialised by a private lock (the buddy allocator's zone->lock).
/// </summary>
public sealed class PhysicalPageAllocator
{
    private readonly ulong[] _used; // one bit per frame of the bank
    private readonly int _frames;
    private int _hint; // lowest frame index that may be free
    private readonly Lock _lock = new(); // zone->lock: guards _used, _hint, AllocatedPages and Faults

    /// <summary>Creates an allocator for the RAM bank [<paramref name="bankBase"/>, +<paramref name="bankSize"/>).</summary>
    public PhysicalPageAllocator(PhysicalMemory memory, uint bankBase, uint bankSize)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if ((bankBase & 0xFFF) != 0 || (bankSize & 0xFFF) != 0 || bankSize == 0)
            throw new ArgumentException($"RAM bank 0x{bankBase:x8}+0x{bankSize:x} must be non-empty and page aligned");
        if ((ulong)bankBase + bankSize > 0x1_0000_0000UL)
            throw new ArgumentException($"RAM bank 0x{bankBase:x8}+0x{bankSize:x} passes the 32-bit physical space");
        Memory = memory;
        BankBase = bankBase;
        BankSize = bankSize;
        _frames = (int)(bankSize >> 12);
        _used = new ulong[(_frames + 63) / 64];
    }

    /// <summary>The physical memory the pages come from.</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>First physical address of the bank.</summary>
    public uint BankBase { get; }

    /// <summary>Size of the bank in bytes.</summary>
    public uint BankSize { get; }

    /// <summary>Pages currently allocated.</summary>
    public int AllocatedPages { get; private set; }

    /// <summary>Failure injection for every allocation from this allocator.</summary>
    public AllocationFaultInjector Faults { get; } = new();

    /// <summary>
    /// __get_free_pages(gfp, order): 2^<paramref name="order"/> contiguous pages aligned to their size,
    /// zero-filled when <paramref name="zero"/> (__GFP_ZERO); returns the physical address or 0.
    /// </summary>
    public uint AllocPages(int order, bool zero)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 16);
        lock (_lock)
            return AllocPagesLocked(order, zero);
    }

    private uint AllocPagesLocked(int order, bool zero)
    {
        if (Faults.ShouldFail())
            return 0;
        int count = 1 << order;
        int start = (_hint + count - 1) & ~(count - 1);
        for (; start + count <= _frames; start += count)
        {
            if (RunIsFree(start, count))
            {
                MarkRun(start, count, used: true);
                AllocatedPages += count;
                if (order == 0 || start == _hint)
                    _hint = start + count;
                uint pa = BankBase + ((uint)start << 12);
                if (zero)
                    Memory.Fill(pa, (uint)count << 12, 0);
                return pa;
            }
        }
        return 0;
    }

    /// <summary>free_pages(addr, order): returns a block obtained from <see cref="AllocPages"/>.</summary>
    public void FreePages(uint pa, int order)
    {
        lock (_lock)
            FreePagesLocked(pa, order);
    }

    private void FreePagesLocked(uint pa, int order)
    {
        int count = 1 << order;
        int start = FrameIndex(pa);
        if ((start & (count - 1)) != 0 || start + count > _frames)
            throw new InvalidOperationException($"free_pages(0x{pa:x8}, {order}): not a block of this allocator");
        for (int i = 0; i < count; i++)
        {
            if (!IsUsed(start + i))
                throw new InvalidOperationException($"free_pages(0x{pa:x8}, {order}): page {i} is not allocated (double free)");
        }
        MarkRun(start, count, used: false);
        AllocatedPages -= count;
        if (start < _hint)
            _hint = start;
    }

    /// <summary>True when <paramref name="pa"/> lies in an allocated page of this bank.</summary>
    public bool IsAllocated(uint pa) =>
        pa >= BankBase && pa - BankBase < BankSize && IsUsed((int)((pa - BankBase) >> 12));

    private int FrameIndex(uint pa)
    {
        if ((pa & 0xFFF) != 0 || pa < BankBase || pa - BankBase >= BankSize)
            throw new InvalidOperationException($"0x{pa:x8} is not a page of the RAM bank 0x{BankBase:x8}+0x{BankSize:x}");
        return (int)((pa - BankBase) >> 12);
    }

    private bool IsUsed(int frame) => (_used[frame >> 6] & (1UL << (frame & 63))) != 0;

    private bool RunIsFree(int start, int count)
    {
        if (count < 64)
        {
            for (int i = start; i < start + count; i++)
            {
                if (IsUsed(i))
                    return false;
            }
            return true;
        }
        // Naturally aligned runs of 64+ frames cover whole bitmap words.
        for (int w = start >> 6; w < (start + count) >> 6; w++)
        {
            if (_used[w] != 0)
                return false;
        }
        return true;
    }

    private void MarkRun(int start, int count, bool used)
    {
        for (int i = start; i < start + count; i++)
        {
            if (used)
                _used[i >> 6] |= 1UL << (i & 63);
            else
                _used[i >> 6] &= ~(1UL << (i & 63));
        }
    }

    /// <summary>Number of free pages left in the bank.</summary>
    public int FreePageCount
    {
        get
        {
            int used = 0;
            foreach (ulong w in _used)
                used += BitOperations.PopCount(w);
            return _frames - used;
        }
    }
}
