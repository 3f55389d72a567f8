import { useEffect, type ReactNode } from 'react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Button, Divider, Space, Tooltip } from 'antd';
import {
  BoldOutlined,
  ItalicOutlined,
  OrderedListOutlined,
  RedoOutlined,
  UnderlineOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useT } from '../../../lib/i18n.js';
import '../i18n.js';

interface Props {
  id?: string;
  value?: string;
  onChange?: (html: string) => void;
  'aria-label'?: string;
  status?: 'error' | 'warning' | '';
  /** Hands the editor to a caller that inserts into it (the reply form's templates). */
  onEditor?: (editor: Editor | null) => void;
}

const CSS = `
.duban-editor { border: 1px solid #d9d9d9; border-radius: 6px; background: #fff; }
.duban-editor:focus-within { border-color: #b71c1c; box-shadow: 0 0 0 2px rgba(183,28,28,.1); }
.duban-editor.is-error { border-color: #ff4d4f; }
.duban-editor-toolbar { padding: 4px 6px; border-bottom: 1px solid #f0f0f0; display: flex; flex-wrap: wrap; gap: 2px; align-items: center; }
.duban-editor .ProseMirror { min-height: 260px; padding: 8px 12px; outline: none; font-size: 14px; line-height: 1.75; overflow-wrap: anywhere; }
.duban-editor .ProseMirror p { margin: 0 0 .6em; }
.duban-editor .ProseMirror h3 { font-size: 17px; margin: .8em 0 .4em; }
.duban-editor .ProseMirror h4 { font-size: 15px; margin: .8em 0 .4em; }
.duban-editor .ProseMirror ol, .duban-editor .ProseMirror ul { padding-left: 1.6em; margin: 0 0 .6em; }
.duban-editor .ProseMirror blockquote { border-left: 3px solid #e0e0e0; margin: 0 0 .6em; padding-left: 10px; color: #555; }
`;

/** The rich-text box for a proposal body (and a unit's reply, features/unit-actions): bold, italic, underline, two heading levels, lists and quotes; the value is HTML. */
export function RichTextEditor({ id, value, onChange, status, onEditor, 'aria-label': ariaLabel }: Props) {
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [3, 4] },
        code: false,
        codeBlock: false,
        strike: false,
        link: false,
        horizontalRule: false,
      }),
    ],
    content: value ?? '',
    immediatelyRender: true,
    editorProps: {
      attributes: {
        ...(id ? { id } : {}),
        role: 'textbox',
        'aria-multiline': 'true',
        ...(ariaLabel ? { 'aria-label': ariaLabel } : {}),
      },
    },
    onUpdate: ({ editor: e }) => onChange?.(e.isEmpty ? '' : e.getHTML()),
  });

  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);

  // A value set from outside (the record loaded, the form reset) replaces the content.
  useEffect(() => {
    if (!editor) return;
    const current = editor.isEmpty ? '' : editor.getHTML();
    if ((value ?? '') !== current) editor.commands.setContent(value ?? '', { emitUpdate: false });
  }, [editor, value]);

  return (
    <div className={`duban-editor${status === 'error' ? ' is-error' : ''}`}>
      <style>{CSS}</style>
      {editor && <Toolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const t = useT();
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      h3: e.isActive('heading', { level: 3 }),
      h4: e.isActive('heading', { level: 4 }),
      ol: e.isActive('orderedList'),
      ul: e.isActive('bulletList'),
      quote: e.isActive('blockquote'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  // A button that shows letters (H3) says them in its name too (WCAG 2.5.3: 「标题 H3」).
  const btn = (label: string, active: boolean, run: () => void, icon: ReactNode, disabled = false, shown?: string) => (
    <Tooltip title={t(label)} key={label}>
      <Button
        size="small"
        type={active ? 'primary' : 'text'}
        ghost={false}
        aria-label={shown ? `${t(label)} ${shown}` : t(label)}
        aria-pressed={active}
        disabled={disabled}
        icon={icon}
        onMouseDown={(e) => e.preventDefault()}
        onClick={run}
      />
    </Tooltip>
  );
  return (
    <div className="duban-editor-toolbar" role="toolbar" aria-label={t('正文')}>
      <Space size={2} wrap>
        {btn('加粗', s.bold, () => chain().toggleBold().run(), <BoldOutlined />)}
        {btn('斜体', s.italic, () => chain().toggleItalic().run(), <ItalicOutlined />)}
        {btn('下划线', s.underline, () => chain().toggleUnderline().run(), <UnderlineOutlined />)}
        <Divider orientation="vertical" style={{ margin: '0 2px' }} />
        {btn('标题', s.h3, () => chain().toggleHeading({ level: 3 }).run(), <b style={{ fontSize: 12 }}>H3</b>, false, 'H3')}
        {btn('小标题', s.h4, () => chain().toggleHeading({ level: 4 }).run(), <b style={{ fontSize: 12 }}>H4</b>, false, 'H4')}
        <Divider orientation="vertical" style={{ margin: '0 2px' }} />
        {btn('有序列表', s.ol, () => chain().toggleOrderedList().run(), <OrderedListOutlined />)}
        {btn('无序列表', s.ul, () => chain().toggleBulletList().run(), <UnorderedListOutlined />)}
        {btn('引用', s.quote, () => chain().toggleBlockquote().run(), <span style={{ fontSize: 16, lineHeight: 1 }}>“</span>)}
        <Divider orientation="vertical" style={{ margin: '0 2px' }} />
        {btn('撤销', false, () => chain().undo().run(), <UndoOutlined />, !s.canUndo)}
        {btn('重做', false, () => chain().redo().run(), <RedoOutlined />, !s.canRedo)}
      </Space>
    </div>
  );
}
