import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import type { ClassDoc } from './class-schemas';

export interface ContractDocs {
  /** JSDoc of each class and of its properties, by class name. */
  classes: Map<string, ClassDoc>;
  /**
   * The comment that describes each topic: by convention the JSDoc that starts with the topic in
   * backticks and a dash, e.g. "`roster.uploaded.v1` — upload-service accepted a roster file.".
   */
  topics: Map<string, string>;
}

const TOPIC_DOC = /^`([a-z0-9.-]+\.v\d+)`\s+—\s+/;

/** Reads the JSDoc comments of `libs/contracts/src` (not its tests) with the TypeScript parser. */
export function readContractDocs(root: string): ContractDocs {
  const dir = join(root, 'libs/contracts/src');
  const classes = new Map<string, ClassDoc>();
  const topics = new Map<string, string>();
  for (const file of sourceFiles(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      const doc = jsDocOf(node);
      const topic = doc && TOPIC_DOC.exec(doc);
      if (topic) {
        if (topics.has(topic[1])) throw new Error(`Two comments describe ${topic[1]} (one in ${relative(root, file)})`);
        topics.set(topic[1], doc);
      }
      if (ts.isClassDeclaration(node) && node.name) {
        const properties = new Map<string, string>();
        for (const member of node.members) {
          const memberDoc = jsDocOf(member);
          if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && memberDoc) properties.set(member.name.text, memberDoc);
        }
        classes.set(node.name.text, { description: doc, topic: topic ? topic[1] : undefined, properties });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { classes, topics };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The text of a node's own JSDoc comments (tags left out), as one line per paragraph. */
function jsDocOf(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  if (!docs?.length) return undefined;
  const text = docs
    .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
    .join('\n\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  return text || undefined;
}
