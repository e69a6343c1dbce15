using System.Numerics;

namespace Generic.Iommu;

/// <summary>
/// An IOVA allocator for one device address range, modelled on the later drivers/iommu/iova.c
/// (alloc_iova / free_iova / reserve_iova plus the "rcache" of freed ranges by size used by
/// alloc_iova_fast / free_iova_fast), adapted to a 32-bit device address space and to a single
/// owner (there is no per-CPU split and no locking: callers serialise, as with one domain lock).
/// <para>
/// Layout and choices:
/// <list type="bullet">
/// <item>The space is [start, end) with <c>end</c> exclusive and at most 0x1_0000_0000. Every IOVA and
/// every size is a multiple of the granule. Address 0 is never handed out, so that 0 can mean failure:
/// when the space starts at 0 its first granule is permanently reserved (it is outside
/// <see cref="FreeBytes"/>, not a counted range, and <see cref="IsAllocated"/> reports false for it).</item>
/// <item>Ranges held by the allocator (allocated, reserved or cached) live in a sorted array of
/// (start, size, kind) with binary search; a gap search walks the array in O(n). Arrays only grow
/// (doubling) when more ranges are held than ever before, so steady-state Alloc/Free allocate no
/// managed memory.</item>
/// <item>The cache (rcache): a Free of a range whose size is exactly 2^k granules with k ≤
/// <see cref="MaxCachedOrder"/> (128 KiB for a 4 KiB granule) parks the range in bucket k (a fixed
/// array of <see cref="CacheDepth"/> entries) instead of returning it to the tree; a later Alloc of the
/// same size takes the most recently cached entry whose start satisfies the requested alignment.
/// A cached range is free as far as the user is concerned (<see cref="IsAllocated"/> is false, it is not
/// in <see cref="AllocatedRanges"/>, Free of it returns false) but it still occupies address space
/// (it is not in <see cref="FreeBytes"/>) until <see cref="Flush"/> returns it to the tree. When a bucket
/// is full the freed range goes straight back to the tree.</item>
/// <item>As in alloc_iova_fast, an Alloc that finds no gap flushes the cache and retries once, so cached
/// ranges never cause a spurious failure. A failed Alloc therefore may flush the cache, but never
/// changes what is allocated or reserved.</item>
/// </list>
/// </para>
/// </summary>
public sealed class IovaAllocator
{
    /// <summary>The largest cached size is 2^MaxCachedOrder granules (IOVA_RANGE_CACHE_MAX_SIZE - 1 in iova.c).</summary>
    public const int MaxCachedOrder = 5;

    /// <summary>How many freed ranges each cache bucket keeps (a magazine of IOVA_MAG_SIZE in iova.c, smaller here).</summary>
    public const int CacheDepth = 32;

    private const byte KindAllocated = 0;
    private const byte KindReserved = 1;
    private const byte KindCached = 2;
    private const int InitialCapacity = 64;

    private readonly uint _lo;       // first usable address (start, or granule when start == 0)
    private readonly ulong _end;     // exclusive end of the space
    private readonly uint _granule;
    private readonly IovaFitPolicy _policy;

    // The tree: ranges held by the allocator, sorted by start, never overlapping.
    private uint[] _starts = new uint[InitialCapacity];
    private uint[] _sizes = new uint[InitialCapacity];
    private byte[] _kinds = new byte[InitialCapacity];
    private int _count;

    // The rcache: bucket k holds starts of freed ranges of exactly 2^k granules, most recent last.
    private readonly uint[] _cache = new uint[(MaxCachedOrder + 1) * CacheDepth];
    private readonly int[] _cacheCounts = new int[MaxCachedOrder + 1];
    private int _cachedRanges;
    private uint _heldBytes; // sum of _sizes over the tree (allocated + reserved + cached)

    /// <summary>
    /// An allocator for [<paramref name="start"/>, <paramref name="end"/>) in <paramref name="granule"/> units.
    /// Throws <see cref="ArgumentException"/> (construction misuse) unless the granule is a power of two,
    /// start and end are granule aligned, end ≤ 0x1_0000_0000 and the usable space is not empty.
    /// </summary>
    public IovaAllocator(uint start, ulong end, uint granule = 0x1000, IovaFitPolicy policy = IovaFitPolicy.FirstFit)
    {
        if (granule == 0 || !BitOperations.IsPow2(granule))
            throw new ArgumentException("granule must be a power of two", nameof(granule));
        if ((start & (granule - 1)) != 0)
            throw new ArgumentException("start must be granule aligned", nameof(start));
        if (end > 0x1_0000_0000UL || (end & (granule - 1)) != 0)
            throw new ArgumentException("end must be granule aligned and at most 0x1_0000_0000", nameof(end));
        if (policy is not (IovaFitPolicy.FirstFit or IovaFitPolicy.BestFit))
            throw new ArgumentException("unknown fit policy", nameof(policy));
        _lo = start == 0 ? granule : start; // IOVA 0 is reserved so that 0 can signal failure
        if (_lo >= end)
            throw new ArgumentException("the usable space [start, end) is empty", nameof(end));
        _end = end;
        _granule = granule;
        _policy = policy;
    }

    /// <summary>The first address that can be handed out (start, or the granule when start is 0).</summary>
    public uint Start => _lo;

    /// <summary>The exclusive end of the space.</summary>
    public ulong End => _end;

    /// <summary>The allocation unit in bytes.</summary>
    public uint Granule => _granule;

    /// <summary>The gap-selection policy used on a cache miss.</summary>
    public IovaFitPolicy Policy => _policy;

    /// <summary>Bytes of [Start, End) held by nobody: excludes allocated, reserved and cached ranges.</summary>
    public uint FreeBytes => (uint)(_end - _lo - _heldBytes);

    /// <summary>Ranges currently allocated or reserved (cached ranges are not counted).</summary>
    public int AllocatedRanges => _count - _cachedRanges;

    /// <summary>Freed ranges parked in the cache and not yet returned by <see cref="Flush"/>.</summary>
    public int CachedRanges => _cachedRanges;

    /// <summary>Allocs of a cacheable size (exactly 2^k granules, k ≤ MaxCachedOrder) served from the cache.</summary>
    public long CacheHits { get; private set; }

    /// <summary>Allocs of a cacheable size that the cache could not serve (other sizes are not counted).</summary>
    public long CacheMisses { get; private set; }

    /// <summary>
    /// alloc_iova: the start of a fresh range of <paramref name="size"/> bytes (rounded up to the granule)
    /// aligned to <paramref name="alignment"/>, or 0 when the space is exhausted or the request is invalid
    /// (size 0, or an alignment that is not a power of two). Alignment 0 means the granule; a power of two
    /// below the granule is raised to the granule. Invalid requests return 0 rather than throw, like the
    /// kernel's NULL return, so the caller has one failure path.
    /// </summary>
    public uint Alloc(uint size, uint alignment)
    {
        if (size == 0)
            return 0;
        if (alignment == 0 || alignment < _granule)
        {
            if (alignment != 0 && !BitOperations.IsPow2(alignment))
                return 0;
            alignment = _granule;
        }
        else if (!BitOperations.IsPow2(alignment))
        {
            return 0;
        }
        ulong bytes = ((ulong)size + _granule - 1) & ~((ulong)_granule - 1);
        if (bytes > _end - _lo)
            return 0;
        uint rounded = (uint)bytes;

        int order = CacheOrder(rounded);
        if (order >= 0)
        {
            if (TakeFromCache(order, alignment, out uint cached))
            {
                CacheHits++;
                return cached;
            }
            CacheMisses++;
        }

        uint addr = AllocFromTree(rounded, alignment);
        if (addr == 0 && _cachedRanges != 0)
        {
            Flush(); // alloc_iova_fast: free_cpu_cached_iovas and retry once
            addr = AllocFromTree(rounded, alignment);
        }
        return addr;
    }

    /// <summary>
    /// free_iova: releases the range allocated at <paramref name="start"/>; <paramref name="size"/> is rounded
    /// up to the granule and must equal the allocated size. Returns false, changing nothing, when no such
    /// allocated range exists (unknown, partial, already freed, cached or reserved) — where the kernel would WARN.
    /// </summary>
    public bool Free(uint start, uint size)
    {
        if (size == 0)
            return false;
        ulong bytes = ((ulong)size + _granule - 1) & ~((ulong)_granule - 1);
        int i = IndexOfStart(start);
        if (i < 0 || _kinds[i] != KindAllocated || _sizes[i] != bytes)
            return false;
        int order = CacheOrder(_sizes[i]);
        if (order >= 0 && _cacheCounts[order] < CacheDepth)
        {
            _cache[order * CacheDepth + _cacheCounts[order]++] = start;
            _kinds[i] = KindCached;
            _cachedRanges++;
            return true;
        }
        RemoveAt(i);
        return true;
    }

    /// <summary>
    /// reserve_iova: permanently carves out the granules covering [start, start + size) so that Alloc never
    /// returns them. Returns false, changing nothing, when size is 0, the range leaves [Start, End), or it
    /// overlaps anything held, cached ranges included (call <see cref="Flush"/> first to reserve over them).
    /// Unlike the kernel, overlapping reservations are refused rather than merged. Reserved ranges cannot be freed.
    /// </summary>
    public bool Reserve(uint start, uint size)
    {
        if (size == 0)
            return false;
        ulong lo = start & ~((ulong)_granule - 1);
        ulong hi = ((ulong)start + size + _granule - 1) & ~((ulong)_granule - 1);
        if (lo < _lo || hi > _end)
            return false;
        int idx = LowerBound((uint)lo);
        if (idx > 0 && (ulong)_starts[idx - 1] + _sizes[idx - 1] > lo)
            return false;
        if (idx < _count && _starts[idx] < hi)
            return false;
        InsertAt(idx, (uint)lo, (uint)(hi - lo), KindReserved);
        return true;
    }

    /// <summary>
    /// Releases a range made by <see cref="Reserve"/> (the DMA layer's fixed mappings end this way); the range
    /// must match the reservation after the same granule widening. False, changing nothing, otherwise.
    /// </summary>
    public bool Unreserve(uint start, uint size)
    {
        if (size == 0)
            return false;
        ulong lo = start & ~((ulong)_granule - 1);
        ulong hi = ((ulong)start + size + _granule - 1) & ~((ulong)_granule - 1);
        int i = IndexOfStart((uint)lo);
        if (i < 0 || _kinds[i] != KindReserved || _sizes[i] != hi - lo)
            return false;
        RemoveAt(i);
        return true;
    }

    /// <summary>True when <paramref name="addr"/> lies in an allocated or reserved range (false for cached and free addresses).</summary>
    public bool IsAllocated(uint addr)
    {
        int i = IndexContaining(addr);
        return i >= 0 && _kinds[i] != KindCached;
    }

    /// <summary>free_iova_flush_rcache: returns every cached range to the tree, making its space available to any Alloc.</summary>
    public void Flush()
    {
        for (int order = 0; order <= MaxCachedOrder; order++)
        {
            int n = _cacheCounts[order];
            for (int j = 0; j < n; j++)
            {
                int i = IndexOfStart(_cache[order * CacheDepth + j]);
                if (i >= 0 && _kinds[i] == KindCached)
                    RemoveAt(i);
            }
            _cacheCounts[order] = 0;
        }
        _cachedRanges = 0;
    }

    /// <summary>The ranges held by the allocator in address order, with whether each is cached (for diagnostics and tests; allocates).</summary>
    public IReadOnlyList<(IovaRange Range, bool Reserved, bool Cached)> Snapshot()
    {
        var list = new List<(IovaRange, bool, bool)>(_count);
        for (int i = 0; i < _count; i++)
            list.Add((new IovaRange(_starts[i], _sizes[i]), _kinds[i] == KindReserved, _kinds[i] == KindCached));
        return list;
    }

    // The cache bucket for a granule-rounded size, or -1 when the size is not cached.
    private int CacheOrder(uint bytes)
    {
        uint granules = bytes / _granule;
        if (!BitOperations.IsPow2(granules))
            return -1;
        int order = BitOperations.TrailingZeroCount(granules);
        return order <= MaxCachedOrder ? order : -1;
    }

    private bool TakeFromCache(int order, uint alignment, out uint start)
    {
        int baseIdx = order * CacheDepth;
        for (int j = _cacheCounts[order] - 1; j >= 0; j--)
        {
            uint s = _cache[baseIdx + j];
            if ((s & (alignment - 1)) != 0)
                continue;
            int last = _cacheCounts[order] - 1;
            if (j < last)
                Array.Copy(_cache, baseIdx + j + 1, _cache, baseIdx + j, last - j);
            _cacheCounts[order] = last;
            _cachedRanges--;
            _kinds[IndexOfStart(s)] = KindAllocated;
            start = s;
            return true;
        }
        start = 0;
        return false;
    }

    // Gap search over [_lo, _end) between held ranges; inserts and returns the start, or 0.
    private uint AllocFromTree(uint bytes, uint alignment)
    {
        ulong mask = (ulong)alignment - 1;
        ulong bestStart = 0, bestGap = ulong.MaxValue;
        int bestIdx = -1;
        ulong prev = _lo;
        for (int i = 0; i <= _count; i++)
        {
            ulong gapEnd = i < _count ? _starts[i] : _end;
            ulong aligned = (prev + mask) & ~mask;
            if (aligned + bytes <= gapEnd)
            {
                if (_policy == IovaFitPolicy.FirstFit)
                {
                    InsertAt(i, (uint)aligned, bytes, KindAllocated);
                    return (uint)aligned;
                }
                ulong gap = gapEnd - prev;
                if (gap < bestGap)
                {
                    bestGap = gap;
                    bestStart = aligned;
                    bestIdx = i;
                }
            }
            if (i < _count)
                prev = (ulong)_starts[i] + _sizes[i];
        }
        if (bestIdx < 0)
            return 0;
        InsertAt(bestIdx, (uint)bestStart, bytes, KindAllocated);
        return (uint)bestStart;
    }

    // First index whose start is >= addr.
    private int LowerBound(uint addr)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_starts[mid] < addr)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    private int IndexOfStart(uint start)
    {
        int i = LowerBound(start);
        return i < _count && _starts[i] == start ? i : -1;
    }

    private int IndexContaining(uint addr)
    {
        int i = LowerBound(addr);
        if (i < _count && _starts[i] == addr)
            return i;
        i--;
        return i >= 0 && addr < (ulong)_starts[i] + _sizes[i] ? i : -1;
    }

    private void InsertAt(int i, uint start, uint size, byte kind)
    {
        if (_count == _starts.Length)
        {
            int cap = _starts.Length * 2; // growth only: steady state never reaches here
            Array.Resize(ref _starts, cap);
            Array.Resize(ref _sizes, cap);
            Array.Resize(ref _kinds, cap);
        }
        int tail = _count - i;
        if (tail > 0)
        {
            Array.Copy(_starts, i, _starts, i + 1, tail);
            Array.Copy(_sizes, i, _sizes, i + 1, tail);
            Array.Copy(_kinds, i, _kinds, i + 1, tail);
        }
        _starts[i] = start;
        _sizes[i] = size;
        _kinds[i] = kind;
        _count++;
        _heldBytes += size;
    }

    private void RemoveAt(int i)
    {
        _heldBytes -= _sizes[i];
        int tail = _count - i - 1;
        if (tail > 0)
        {
            Array.Copy(_starts, i + 1, _starts, i, tail);
            Array.Copy(_sizes, i + 1, _sizes, i, tail);
            Array.Copy(_kinds, i + 1, _kinds, i, tail);
        }
        _count--;
    }
}
