using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Aareg.Domain.Register;

/// <summary>
/// An immutable array with value equality (element by element), so that records holding lists compare by content.
/// The derivation engine relies on this: a state compares equal to another only when every list holds equal items
/// in the same order. <c>default</c> is the empty array.
/// </summary>
[CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly ImmutableArray<T> elementer;

    public EquatableArray(ImmutableArray<T> elementer) => this.elementer = elementer;

    public ImmutableArray<T> AsImmutableArray() => elementer.IsDefault ? [] : elementer;

    public int Count => elementer.IsDefault ? 0 : elementer.Length;

    public bool IsEmpty => Count == 0;

    public T this[int index] => AsImmutableArray()[index];

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public bool Equals(EquatableArray<T> other)
    {
        var a = AsImmutableArray();
        var b = other.AsImmutableArray();
        if (a.Length != b.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var e in AsImmutableArray())
        {
            hash.Add(e);
        }

        return hash.ToHashCode();
    }

    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    public override string ToString() => $"[{string.Join(", ", AsImmutableArray())}]";
}

public static class EquatableArray
{
    public static EquatableArray<T> Create<T>(ReadOnlySpan<T> elementer) => new([.. elementer]);

    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> elementer) => new([.. elementer]);

    public static EquatableArray<T> ToEquatableArray<T>(this List<T> elementer) => new([.. elementer]);
}
