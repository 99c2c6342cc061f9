"""Pages of the network library, in a Cité and in the network area, one module per flow: `search`,
`resources` (reading one), `writing` (publishing and editing one), `peers` (evaluating, answering, adopting).

What another app needs from the library is not here: the resource picker is `library.picker`."""
