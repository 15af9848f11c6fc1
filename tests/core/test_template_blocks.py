"""Blocks rendered alone (htmx fragments: core.rendering.render_block) see only what they import
themselves: a macro imported at the top of a template is not there when one block is rendered."""
from jinja2 import nodes


def _top_level_imports(template):
    names = set()
    for node in template.body:
        if isinstance(node, nodes.Import):
            names.add(node.target)
        elif isinstance(node, nodes.FromImport):
            names.update(name[1] if isinstance(name, tuple) else name for name in node.names)
    return names


def _own_names(block):
    names = {node.target for node in block.find_all(nodes.Import)}
    for node in block.find_all(nodes.FromImport):
        names.update(name[1] if isinstance(name, tuple) else name for name in node.names)
    return names


def test_nested_blocks_import_the_macros_they_use(app):
    env = app.jinja_env
    problems = []
    for name in env.list_templates(extensions=["html"]):
        source = env.loader.get_source(env, name)[0]
        template = env.parse(source)
        imported = _top_level_imports(template)
        if not imported:
            continue
        for outer in template.find_all(nodes.Block):
            for block in outer.find_all(nodes.Block):  # nested: the ones a view renders alone
                used = {node.name for node in block.find_all(nodes.Name) if node.ctx == "load"}
                missing = (used & imported) - _own_names(block)
                if missing:
                    problems.append(f"{name}: block {block.name} uses {', '.join(sorted(missing))}")
    assert not problems, "\n".join(problems)
