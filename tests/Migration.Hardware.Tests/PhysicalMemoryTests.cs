using System.Buffers.Binary;
using CsCheck;
using Migration.Hardware.Memory;

namespace Migration.Hardware.Tests;

/// <summary>Sparse physical memory: background value, word/byte access, observer, alignment.</summary>
public class PhysicalMemoryTests
{
    private sealed class RecordingObserver : IPhysicalWriteObserver
    {
        public List<(uint Pa, uint Value)> Writes { get; } = new();

        public void OnWordWritten(uint pa, uint value) => Writes.Add((pa, value));
    }

    [Fact]
    public void ReadWord_UnwrittenWord_ReadsZeroByDefault()
    {
        var m = new PhysicalMemory();
        Assert.Equal(0u, m.BackgroundValue);
        Assert.Equal(0u, m.ReadWord(0x80001234 & ~3u));
    }

    [Fact]
    public void ReadWord_UnwrittenWord_ReadsBackgroundValue()
    {
        var m = new PhysicalMemory(0xA5A5A5A5);
        Assert.Equal(0xA5A5A5A5u, m.BackgroundValue);
        Assert.Equal(0xA5A5A5A5u, m.ReadWord(0x80000000));
        Assert.Equal(0, m.FrameCount);
    }

    [Fact]
    public void WriteWord_OtherWordsOfNewFrame_ReadBackgroundValue()
    {
        var m = new PhysicalMemory(0xA5A5A5A5);
        m.WriteWord(0x80000010, 0x12345678);
        Assert.Equal(0x12345678u, m.ReadWord(0x80000010));
        Assert.Equal(0xA5A5A5A5u, m.ReadWord(0x8000000C));
        Assert.Equal(0xA5A5A5A5u, m.ReadWord(0x80000FFC));
    }

    [Fact]
    public void WriteWord_MaterialisesOneFrame()
    {
        var m = new PhysicalMemory();
        m.WriteWord(0x80005008, 1);
        m.WriteWord(0x80005FFC, 2);
        Assert.Equal(1, m.FrameCount);
        Assert.True(m.HasFrame(0x80005));
        Assert.False(m.HasFrame(0x80006));
    }

    [Fact]
    public void HasFrame_PfnBeyond32BitSpace_IsFalse() => Assert.False(new PhysicalMemory().HasFrame(1u << 20));

    [Fact]
    public void WriteWord_TopOfAddressSpace_RoundTrips()
    {
        var m = new PhysicalMemory();
        m.WriteWord(0xFFFFFFFC, 0xCAFEF00D);
        Assert.Equal(0xCAFEF00Du, m.ReadWord(0xFFFFFFFC));
    }

    [Fact]
    public void WriteObserver_SeesWriteWord()
    {
        var m = new PhysicalMemory();
        var obs = new RecordingObserver();
        m.WriteObserver = obs;
        m.WriteWord(0x80004000, 0xDEADBEEF);
        m.WriteWord(0x80004004, 0x1);
        Assert.Equal(new[] { (0x80004000u, 0xDEADBEEFu), (0x80004004u, 0x1u) }, obs.Writes);
    }

    [Fact]
    public void WriteObserver_DoesNotSeeFrameSpanWrites()
    {
        var m = new PhysicalMemory();
        var obs = new RecordingObserver();
        m.WriteObserver = obs;
        m.Frame(0x80004)[3] = 0x77;
        Assert.Empty(obs.Writes);
        Assert.Equal(0x77u, m.ReadWord(0x8000400C));
    }

    [Theory]
    [InlineData(0x80000001u)]
    [InlineData(0x80000002u)]
    [InlineData(0x80000003u)]
    public void ReadWord_Misaligned_ThrowsArgumentException(uint pa)
    {
        var ex = Assert.Throws<ArgumentException>(() => new PhysicalMemory().ReadWord(pa));
        Assert.Equal("pa", ex.ParamName);
    }

    [Fact]
    public void WriteWord_Misaligned_ThrowsArgumentException()
    {
        var m = new PhysicalMemory();
        var ex = Assert.Throws<ArgumentException>(() => m.WriteWord(0x80000006, 1));
        Assert.Equal("pa", ex.ParamName);
        Assert.Equal(0, m.FrameCount);
    }

    [Fact]
    public void Frame_HasOneWordPerFourBytes() => Assert.Equal(1024, new PhysicalMemory().Frame(0x80000).Length);

    [Fact]
    public void Frame_OnBackgroundMemory_IsFilledWithBackground()
    {
        var m = new PhysicalMemory(0xA5A5A5A5);
        Span<uint> f = m.Frame(0x80000);
        Assert.Equal(0xA5A5A5A5u, f[0]);
        Assert.Equal(0xA5A5A5A5u, f[1023]);
        Assert.Equal(1, m.FrameCount);
    }

    [Fact]
    public void Fill_AcrossFrameBoundary_WritesExactlyTheRange()
    {
        var m = new PhysicalMemory();
        m.Fill(0x80001FF8, 16, 0xDEADBEEF);
        Assert.Equal(0u, m.ReadWord(0x80001FF4));
        Assert.Equal(0xDEADBEEFu, m.ReadWord(0x80001FF8));
        Assert.Equal(0xDEADBEEFu, m.ReadWord(0x80001FFC));
        Assert.Equal(0xDEADBEEFu, m.ReadWord(0x80002000));
        Assert.Equal(0xDEADBEEFu, m.ReadWord(0x80002004));
        Assert.Equal(0u, m.ReadWord(0x80002008));
        Assert.Equal(2, m.FrameCount);
    }

    [Fact]
    public void Fill_LengthNotMultipleOfFour_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PhysicalMemory().Fill(0x80000000, 6, 0));
        Assert.Equal("bytes", ex.ParamName);
    }

    [Fact]
    public void Fill_MisalignedAddress_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => new PhysicalMemory().Fill(0x80000002, 4, 0));

    [Fact]
    public void WriteBytes_IsLittleEndian()
    {
        var m = new PhysicalMemory();
        m.WriteBytes(0x80000000, new byte[] { 0x11, 0x22, 0x33, 0x44 });
        Assert.Equal(0x44332211u, m.ReadWord(0x80000000));
    }

    [Fact]
    public void WriteBytes_UnalignedSpanningWords_KeepsOtherBytes()
    {
        var m = new PhysicalMemory();
        m.WriteWord(0x80000000, 0x01020304);
        m.WriteWord(0x80000004, 0x05060708);
        m.WriteBytes(0x80000003, new byte[] { 0xAA, 0xBB });
        Assert.Equal(0xAA020304u, m.ReadWord(0x80000000));
        Assert.Equal(0x050607BBu, m.ReadWord(0x80000004));
    }

    [Fact]
    public void WriteBytes_OnBackgroundMemory_KeepsBackgroundInOtherBytes()
    {
        var m = new PhysicalMemory(0xA5A5A5A5);
        m.WriteBytes(0x80000001, new byte[] { 0x00 });
        Assert.Equal(0xA5A500A5u, m.ReadWord(0x80000000));
    }

    [Fact]
    public void ReadBytes_IsLittleEndian()
    {
        var m = new PhysicalMemory();
        m.WriteWord(0x80000000, 0x44332211);
        m.WriteWord(0x80000004, 0x88776655);
        var buf = new byte[5];
        m.ReadBytes(0x80000002, buf);
        Assert.Equal(new byte[] { 0x33, 0x44, 0x55, 0x66, 0x77 }, buf);
    }

    [Fact]
    public void ReadBytes_UnwrittenMemory_ReturnsBackgroundBytes()
    {
        var m = new PhysicalMemory(0x11223344);
        var buf = new byte[4];
        m.ReadBytes(0x90000000, buf);
        Assert.Equal(new byte[] { 0x44, 0x33, 0x22, 0x11 }, buf);
    }

    [Fact]
    public void WriteWord_ReadWord_RoundTrip() =>
        Gen.Select(Gen.UInt, Gen.UInt).Sample((pa, value) =>
        {
            var m = new PhysicalMemory(0xA5A5A5A5);
            uint a = pa & ~3u;
            m.WriteWord(a, value);
            Assert.Equal(value, m.ReadWord(a));
        }, iter: 1000);

    [Fact]
    public void WriteWord_ReadBytes_AreLittleEndian() =>
        Gen.Select(Gen.UInt[0, 0x7FFFFFFF], Gen.UInt).Sample((pa, value) =>
        {
            var m = new PhysicalMemory();
            uint a = pa & ~3u;
            m.WriteWord(a, value);
            var bytes = new byte[4];
            m.ReadBytes(a, bytes);
            Assert.Equal(value, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        }, iter: 1000);

    [Fact]
    public void WriteBytes_ReadBytes_RoundTrip() =>
        Gen.Select(Gen.UInt[0, 0x7FFFFFFF], Gen.Byte.Array[1, 64]).Sample((pa, data) =>
        {
            var m = new PhysicalMemory(0xA5A5A5A5);
            m.WriteBytes(pa, data);
            var back = new byte[data.Length];
            m.ReadBytes(pa, back);
            Assert.Equal(data, back);
        }, iter: 1000);

    private sealed class RunObserver : IPhysicalWriteObserver
    {
        public List<(uint Pa, uint[] Values)> Runs { get; } = new();

        public List<(uint Pa, uint Value)> Words { get; } = new();

        public void OnWordWritten(uint pa, uint value) => Words.Add((pa, value));

        public void OnRunWritten(uint pa, ReadOnlySpan<uint> values) => Runs.Add((pa, values.ToArray()));
    }

    [Fact]
    public void WriteRun_Span_StoresEveryWordAndNotifiesOncePerFrame()
    {
        var m = new PhysicalMemory();
        var obs = new RunObserver();
        m.WriteObserver = obs;
        uint[] values = { 0x10000C72, 0x20000C72, 0x30000C72, 0x40000C72 };
        m.WriteRun(0x80000FF8, values);
        Assert.Equal(0x10000C72u, m.ReadWord(0x80000FF8));
        Assert.Equal(0x20000C72u, m.ReadWord(0x80000FFC));
        Assert.Equal(0x30000C72u, m.ReadWord(0x80001000));
        Assert.Equal(0x40000C72u, m.ReadWord(0x80001004));
        Assert.Equal(2, obs.Runs.Count);
        Assert.Equal(0x80000FF8u, obs.Runs[0].Pa);
        Assert.Equal(new uint[] { 0x10000C72, 0x20000C72 }, obs.Runs[0].Values);
        Assert.Equal(0x80001000u, obs.Runs[1].Pa);
        Assert.Equal(new uint[] { 0x30000C72, 0x40000C72 }, obs.Runs[1].Values);
        Assert.Empty(obs.Words);
        Assert.Equal(4, m.WordsWritten);
    }

    [Fact]
    public void WriteRun_StepZero_WritesSixteenIdenticalCopies()
    {
        var m = new PhysicalMemory();
        m.WriteRun(0x80004040, 16, 0x01071C1E, 0);
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x01071C1Eu, m.ReadWord(0x80004040 + i * 4));
        Assert.Equal(0u, m.ReadWord(0x80004080));
        Assert.Equal(16, m.WordsWritten);
    }

    [Fact]
    public void WriteRun_Step_WritesAscendingPtesAndReportsThemWordByWordThroughTheDefault()
    {
        var m = new PhysicalMemory();
        var obs = new RecordingObserver();
        m.WriteObserver = obs;
        m.WriteRun(0x80004000, 3, 0x90000C72, 0x1000);
        Assert.Equal(
            new[] { (0x80004000u, 0x90000C72u), (0x80004004u, 0x90001C72u), (0x80004008u, 0x90002C72u) },
            obs.Writes);
    }

    [Fact]
    public void WriteRun_TopOfAddressSpace_WrapsToZero()
    {
        var m = new PhysicalMemory();
        m.WriteRun(0xFFFFFFFC, 2, 7, 1);
        Assert.Equal(7u, m.ReadWord(0xFFFFFFFC));
        Assert.Equal(8u, m.ReadWord(0x00000000));
    }

    [Fact]
    public void WriteRun_Misaligned_ThrowsArgumentException()
    {
        var m = new PhysicalMemory();
        Assert.Equal("pa", Assert.Throws<ArgumentException>(() => m.WriteRun(0x80000002, 1, 0, 0)).ParamName);
        Assert.Equal("pa", Assert.Throws<ArgumentException>(() => m.WriteRun(0x80000002, new uint[] { 1 })).ParamName);
        Assert.Equal(0, m.FrameCount);
    }

    [Fact]
    public void WordsWritten_CountsWriteWordButNotFillOrFrameSpans()
    {
        var m = new PhysicalMemory();
        m.WriteWord(0x80000000, 1);
        m.Fill(0x80001000, 0x1000, 0);
        m.Frame(0x80002)[0] = 5;
        Assert.Equal(1, m.WordsWritten);
    }
}
