"""Reading a posting's rendered body: what its own words tell that the front matter does not.

``complete`` completes a ``Posting`` from its body (Apply target, summary, type, a deadline or
"open until filled" stated in the text, statements that it is filled); ``extract`` reads the
body's blocks; ``targets`` weighs each link or address as an Apply target; ``infer`` the type;
``dates`` the dates people write; ``words`` the words read, per language.
"""
