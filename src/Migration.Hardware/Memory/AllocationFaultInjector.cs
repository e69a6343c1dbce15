namespace Migration.Hardware.Memory;

/// <summary>
/// Failure injection for one allocation site: the Nth call (1-based, counted from the last
/// <see cref="FailAt"/>) fails, as the golden vectors' "l2_alloc_fail_at" does; or every call fails.
/// </summary>
public sealed class AllocationFaultInjector
{
    private int _failAt;
    private bool _failAlways;

    /// <summary>Calls seen since the last reset.</summary>
    public int Calls { get; private set; }

    /// <summary>Calls that were made to fail.</summary>
    public int Failures { get; private set; }

    /// <summary>Makes the <paramref name="n"/>-th next call fail (0 = never) and resets the call count.</summary>
    public void FailAt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        _failAt = n;
        _failAlways = false;
        Calls = 0;
    }

    /// <summary>Makes every call fail until <see cref="FailAt"/> or <see cref="Reset"/>.</summary>
    public void FailAlways() => _failAlways = true;

    /// <summary>No injected failures from now on.</summary>
    public void Reset()
    {
        _failAt = 0;
        _failAlways = false;
        Calls = 0;
    }

    /// <summary>Counts one allocation attempt; true when it must fail.</summary>
    public bool ShouldFail()
    {
        Calls++;
        bool fail = _failAlways || (_failAt != 0 && Calls == _failAt);
        if (fail)
            Failures++;
        return fail;
    }
}
